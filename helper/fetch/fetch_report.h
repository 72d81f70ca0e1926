/* fetch_report.h — what upswap-fetch tells upswap-helper, on fd 3, one line
 * at a time (the helper parses it as untrusted input: the fetcher handles
 * network data):
 *
 *   P <received>                       progress: body bytes so far
 *   H etag <value>                     validators of the response
 *   H last-modified <value>
 *   R <ok|fail> <http code> <304?> <range ignored?> <too large?> <transient?>
 *     <received> <wire bytes> <message>   the result, last
 *
 * Flags are 0 or 1. The body itself goes to fd 1. */
#ifndef UPSWAP_FETCH_REPORT_H
#define UPSWAP_FETCH_REPORT_H

#define FETCH_REPORT_FD 3
#define FETCH_REPORT_MAX_LINE 1024

#endif
