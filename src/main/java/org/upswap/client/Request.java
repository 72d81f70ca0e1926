// The requests of protocol 1, one factory per kind, each typed with the
// record its result decodes into. Arguments are checked here so a bad target
// name fails before anything is sent.
package org.upswap.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.upswap.client.model.CancelResult;
import org.upswap.client.model.CheckResult;
import org.upswap.client.model.HelloResult;
import org.upswap.client.model.HelperStatus;
import org.upswap.client.model.JobStarted;
import org.upswap.client.model.RestartStarted;
import org.upswap.client.model.SubscribeResult;
import org.upswap.client.model.TargetList;
import org.upswap.client.protocol.Names;
import org.upswap.client.protocol.Protocol;
import org.upswap.client.protocol.RequestKind;

public final class Request<R> {

    private final RequestKind kind;
    private final Class<R> resultType;
    private final ObjectNode fields = WireJson.newObject();

    private Request(RequestKind kind, Class<R> resultType) {
        this.kind = kind;
        this.resultType = resultType;
    }

    /** @param client a name for logs, e.g. "upswap-cli 0.1.0"; null to send none */
    public static Request<HelloResult> hello(String client) {
        Request<HelloResult> request = new Request<>(RequestKind.HELLO, HelloResult.class);
        request.fields.put("protocol", Protocol.VERSION);
        if (client != null) {
            if (client.isEmpty() || client.length() > Protocol.MAX_CLIENT_NAME_LENGTH
                    || !client.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw new IllegalArgumentException("client name must be 1 to "
                        + Protocol.MAX_CLIENT_NAME_LENGTH + " printable ASCII characters");
            }
            request.fields.put("client", client);
        }
        return request;
    }

    public static Request<HelperStatus> status() {
        return new Request<>(RequestKind.STATUS, HelperStatus.class);
    }

    public static Request<TargetList> listTargets() {
        return new Request<>(RequestKind.LIST_TARGETS, TargetList.class);
    }

    /** @param target the target to check, or null for every target */
    public static Request<CheckResult> check(String target) {
        return new Request<>(RequestKind.CHECK, CheckResult.class).withTarget(target);
    }

    /**
     * @param version the version to install, or null for the newest offered
     * @param force replace a binary that was modified outside upswap
     */
    public static Request<JobStarted> update(String target, String version, boolean force) {
        Request<JobStarted> request = new Request<>(RequestKind.UPDATE, JobStarted.class)
                .withTarget(Objects.requireNonNull(target, "target"));
        if (version != null) {
            request.fields.put("version", Names.requireVersion(version));
        }
        if (force) {
            request.fields.put("force", true);
        }
        return request;
    }

    public static Request<JobStarted> rollback(String target) {
        return new Request<>(RequestKind.ROLLBACK, JobStarted.class)
                .withTarget(Objects.requireNonNull(target, "target"));
    }

    /** Applies the target's restart policy to its processes still running a replaced binary. */
    public static Request<RestartStarted> restart(String target) {
        return new Request<>(RequestKind.RESTART, RestartStarted.class)
                .withTarget(Objects.requireNonNull(target, "target"));
    }

    /** @param target the target whose jobs to cancel, or null for every queued and running job */
    public static Request<CancelResult> cancel(String target) {
        return new Request<>(RequestKind.CANCEL, CancelResult.class).withTarget(target);
    }

    public static Request<SubscribeResult> subscribe() {
        return new Request<>(RequestKind.SUBSCRIBE, SubscribeResult.class);
    }

    public RequestKind kind() {
        return kind;
    }

    public Class<R> resultType() {
        return resultType;
    }

    /** The request line's JSON with request id {@code id}. */
    public ObjectNode toJson(long id) {
        if (id < 0 || id > Protocol.MAX_REQUEST_ID) {
            throw new IllegalArgumentException("request id out of range: " + id);
        }
        ObjectNode json = WireJson.newObject();
        json.put("id", id);
        json.put("kind", kind.wireName());
        json.setAll(fields.deepCopy());
        return json;
    }

    @Override
    public String toString() {
        return kind.wireName() + fields;
    }

    private Request<R> withTarget(String target) {
        if (target != null) {
            fields.put("target", Names.requireTargetName(target));
        }
        return this;
    }
}
