/* fetch_serve.h — how upswap-helper asks a socket-activated upswap-fetch
 * (upswap-fetch --serve, started by systemd for each connection to
 * /run/upswap/fetch.sock) for a download.
 *
 * The helper connects (SOCK_STREAM) and sends one request: the options of
 * upswap-fetch (without --user: systemd chose the user), each followed by a
 * NUL, then one more NUL; with the first byte, as SCM_RIGHTS, exactly one fd:
 * the file (or memfd) to write the body into. The fetcher then writes its
 * reports (fetch_report.h) back over the connection and closes it when it
 * exits; the helper closing it first cancels the download. */
#ifndef UPSWAP_FETCH_SERVE_H
#define UPSWAP_FETCH_SERVE_H

#define FETCH_SERVE_MAX_REQUEST 4096
#define FETCH_SERVE_MAX_ARGS 32

#endif
