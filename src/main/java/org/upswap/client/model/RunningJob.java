// The job the helper is working on (status result). Its kind is kept as text:
// the protocol does not list job kinds, and this is for display.
package org.upswap.client.model;

public record RunningJob(long id, String kind, String target) {

    public RunningJob {
        Fields.required(kind, "kind");
    }
}
