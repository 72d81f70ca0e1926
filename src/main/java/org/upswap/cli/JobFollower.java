// Runs update or rollback the way a person expects: subscribe, start the
// job, show its progress until it ends, cancel it on Ctrl-C, and say what
// became of the programs still running the replaced binary.
package org.upswap.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.upswap.cli.text.EventText;
import org.upswap.cli.text.Messages;
import org.upswap.client.HelperClient;
import org.upswap.client.HelperException;
import org.upswap.client.HelperUnavailableException;
import org.upswap.client.Request;
import org.upswap.client.model.ErrorEvent;
import org.upswap.client.model.HelperEvent;
import org.upswap.client.model.JobStarted;
import org.upswap.client.model.ProgressEvent;
import org.upswap.client.model.RestartedEvent;
import org.upswap.client.model.UpdatedEvent;
import org.upswap.client.protocol.ErrorCode;

final class JobFollower {

    /** How long Ctrl-C waits for the helper to confirm the cancel before the process ends. */
    private static final long CANCEL_WAIT_SECONDS = 3;

    private final UpswapCli cli;
    private final String target;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** How long to wait for the restart policy's report after a swap. */
    private static final Duration RESTART_REPORT_WAIT = Duration.ofSeconds(10);
    private UpdatedEvent lastUpdate;

    JobFollower(UpswapCli cli, String target) {
        this.cli = cli;
        this.target = target;
    }

    /** @return the exit status; a failed job is thrown as {@link JobFailedException} */
    @SuppressWarnings("try") // the Ctrl-C registration only has to live as long as its block
    int run(Request<JobStarted> request) throws Exception {
        CliEnvironment env = cli.environment();
        PrintWriter out = env.out();
        LiveOutput live = new LiveOutput(out, env.interactive() && !cli.json(), env.columns(), line -> line);
        try (HelperClient client = cli.connect()) {
            EventQueue events = new EventQueue();
            client.addListener(events);
            // Subscribe first: the job's events may follow its reply immediately.
            client.call(Request.subscribe());
            try (InterruptHooks.Registration onCtrlC = env.interrupts().onInterrupt(() -> cancel(client, live))) {
                long job;
                try {
                    job = client.call(request).job();
                } catch (HelperException e) {
                    if (e.code() != ErrorCode.UP_TO_DATE) {
                        throw e;
                    }
                    reportUpToDate(e, out);
                    return ExitCodes.OK;
                }
                if (cli.json()) {
                    JsonOutput.print(out, new JobStarted(job));
                }
                try {
                    int status = follow(events, job, live, out);
                    if (lastUpdate != null) {
                        reportRunningPrograms(events, out);
                    }
                    return status;
                } catch (HelperUnavailableException e) {
                    live.clearBar();
                    throw new CliFailure(ExitCodes.UNREACHABLE, Messages.get("update.lost", target, job,
                            e.getMessage()), Messages.get("update.lostHint"));
                } finally {
                    finished.countDown();
                }
            }
        }
    }

    private int follow(EventQueue events, long job, LiveOutput live, PrintWriter out) throws Exception {
        while (true) {
            HelperEvent event = events.take();
            if (!event.concernsJob(job)) {
                continue;
            }
            if (cli.json()) {
                JsonOutput.print(out, event);
            }
            if (event instanceof ProgressEvent progress) {
                if (!cli.json()) {
                    live.progress(progress);
                }
            } else if (event instanceof UpdatedEvent updated) {
                if (!cli.json()) {
                    live.line(EventText.updated(updated));
                }
                lastUpdate = updated;
                return ExitCodes.OK;
            } else if (event instanceof ErrorEvent error) {
                live.clearBar();
                // The helper may find out only while running the job that there is nothing to do.
                if (error.code() == ErrorCode.UP_TO_DATE) {
                    if (!cli.json()) {
                        out.println(Messages.get("update.upToDate", target));
                    }
                    return ExitCodes.OK;
                }
                throw new JobFailedException(error);
            }
        }
    }

    /**
     * After a swap: what the target's restart policy did to the programs
     * still running the replaced binary, or, without a policy, which ones
     * they are and how to restart them.
     */
    private void reportRunningPrograms(EventQueue events, PrintWriter out) throws Exception {
        if (lastUpdate.restarting()) {
            long deadline = System.nanoTime() + RESTART_REPORT_WAIT.toNanos();
            HelperEvent event;
            while ((event = events.poll(Duration.ofNanos(deadline - System.nanoTime()))) != null) {
                if (event instanceof RestartedEvent restarted && restarted.target().equals(target)) {
                    if (cli.json()) {
                        JsonOutput.print(out, restarted);
                    } else {
                        EventText.restartedLines(restarted).forEach(out::println);
                    }
                    return;
                }
            }
        }
        if (!cli.json() && !lastUpdate.processes().isEmpty()) {
            EventText.stillRunning(target, lastUpdate.processes()).forEach(out::println);
            out.println(Messages.get("update.restartHint", target));
        }
    }

    private void reportUpToDate(HelperException e, PrintWriter out) {
        if (cli.json()) {
            JsonOutput.print(out, JsonOutput.error(e.code(), e.getMessage()));
        } else {
            out.println(Messages.get("update.upToDate", target));
        }
    }

    /** Runs on the interrupt thread while {@link #follow} is still waiting on the main thread. */
    private void cancel(HelperClient client, LiveOutput live) {
        if (finished.getCount() == 0) {
            return;
        }
        live.clearBar();
        PrintWriter err = cli.environment().err();
        err.println(ErrorReporter.PREFIX + Messages.get("update.cancelling", target));
        err.flush();
        try {
            client.cancel(target).get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            // Give the job's final error event a moment to be printed by the main thread.
            finished.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Throwable why = e instanceof ExecutionException failed ? failed.getCause() : e;
            err.println(ErrorReporter.PREFIX + Messages.get("update.cancelFailed", target, why.getMessage()));
            err.flush();
        }
    }
}
