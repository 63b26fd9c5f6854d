package dev.perks.lifecycle.guard;

import dev.perks.lifecycle.guard.Unavailable.DeadlineExceeded;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.impl.ContextInternal;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's database work, attempt by attempt: each attempt gets what is left of the
 * {@link RequestBudget} on a Vert.x timer of the request's own context; a failed attempt is told to
 * the guard (which feeds {@code DatabaseStatus} and the probe) and sent again only as its
 * {@link RetryRule} allows; a write whose statements are done leaves the budget and waits for its
 * COMMIT on a timer of its own, and an unanswered COMMIT is resolved by {@link CommitOutcome} before
 * anything is answered. The request's path through it is {@link #uni} → {@link Attempt#start} →
 * {@link #succeeded} or {@link #attemptFailed} → again or {@link #finish}.
 *
 * <p>Plain Vert.x timers and one Mutiny emitter, not Fault Tolerance: on the read path this is
 * the whole per-request cost of the guard (README, Performance).
 */
final class GuardedCall<T> {

    /** The work of one attempt, built afresh each time (a new session, a new transaction). */
    interface Unit<T> {
        Uni<T> attempt(GuardedCall<T>.Attempt attempt);
    }

    private final DatabaseGuard guard;
    private final RetryRule rule;
    private final RequestBudget budget;
    private final Unit<T> unit;
    private final ContextInternal context;
    private UniEmitter<? super T> emitter;
    private volatile Attempt current;
    private volatile boolean over;
    private int retries;

    GuardedCall(DatabaseGuard guard, RetryRule rule, RequestBudget budget, Unit<T> unit, ContextInternal context) {
        this.guard = guard;
        this.rule = rule;
        this.budget = budget;
        this.unit = unit;
        this.context = context;
    }

    Uni<T> uni() {
        return Uni.createFrom().emitter(downstream -> {
            emitter = downstream;
            downstream.onTermination(() -> {
                over = true;
                Attempt attempt = current;
                if (attempt != null) {
                    attempt.abandon(); // the client went away, or the call is over
                }
            });
            new Attempt().start();
        });
    }

    RequestBudget budget() {
        return budget;
    }

    private void succeeded(T item) {
        guard.answered();
        emitter.complete(item);
    }

    private void attemptFailed(Throwable failure) {
        guard.observe(failure);
        if (rule.allows(failure, retries)) {
            long delayMillis = RetryRule.delayMillis();
            if (budget.remainingMillis() > delayMillis) {
                retries++;
                guard.retried(rule);
                context.setTimer(delayMillis, id -> new Attempt().start());
                return;
            }
        }
        finish(failure);
    }

    private void finish(Throwable failure) {
        emitter.fail(Unavailable.toAnswer(failure));
    }

    /** One try of the unit of work, settled exactly once: by its result, its failure or a timer. */
    final class Attempt {
        private final AtomicBoolean settled = new AtomicBoolean();
        private long timer = -1;
        private Cancellable subscription;
        private CommitOutcome.Transaction transaction;
        private volatile boolean committing;
        private T done;

        void start() {
            if (over) {
                return; // the client went away during the retry delay
            }
            current = this;
            long millis = budget.remainingMillis();
            if (millis == 0) {
                settled.set(true);
                finish(new DeadlineExceeded("database budget exhausted"));
                return;
            }
            timer = context.setTimer(millis, id -> outOfBudget());
            Uni<T> work;
            try {
                work = unit.attempt(this);
            } catch (RuntimeException failure) {
                failed(failure);
                return;
            }
            Cancellable subscribed = work.subscribe().with(this::succeeded, this::failed);
            if (settled.get() && !committing) {
                subscribed.cancel();
            }
            subscription = subscribed;
        }

        RequestBudget budget() {
            return budget;
        }

        /** A write attempt's transaction, as the server names it: what {@link CommitOutcome} asks about. */
        void inTransaction(CommitOutcome.Transaction transaction) {
            this.transaction = transaction;
        }

        /**
         * The statements are done and {@code result} is what a committed transaction answers: the
         * budget no longer applies; COMMIT gets {@code perks.database.commit-timeout}.
         */
        void committing(T result) {
            done = result;
            committing = true;
            context.owner().cancelTimer(timer);
            timer = context.setTimer(guard.commitTimeout().toMillis(), id -> commitUnanswered());
        }

        private void succeeded(T item) {
            if (settled.compareAndSet(false, true)) {
                context.owner().cancelTimer(timer);
                GuardedCall.this.succeeded(item);
            }
        }

        private void failed(Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                context.owner().cancelTimer(timer);
                if (committing) {
                    resolve(failure); // the connection died during COMMIT: it may have been applied
                } else {
                    attemptFailed(failure);
                }
            }
        }

        private void outOfBudget() {
            if (!committing && settled.compareAndSet(false, true)) {
                cancelWork();
                attemptFailed(new DeadlineExceeded("database budget exhausted"));
            }
        }

        /** The COMMIT is left running: cancelling it would not stop the server from applying it. */
        private void commitUnanswered() {
            if (settled.compareAndSet(false, true)) {
                resolve(new DeadlineExceeded("no reply to COMMIT within " + guard.commitTimeout()));
            }
        }

        private void resolve(Throwable failure) {
            if (transaction == null) {
                attemptFailed(failure);
                return;
            }
            guard.commitUnknown();
            guard.outcomes().committed(transaction, guard.commitTimeout()).subscribe().with(committed -> {
                if (committed) {
                    GuardedCall.this.succeeded(done);
                } else {
                    // It did not commit and never will: for the retry rule, as if the statement had failed.
                    attemptFailed(failure);
                }
            }, GuardedCall.this::finish);
        }

        void abandon() {
            if (!committing && settled.compareAndSet(false, true)) {
                context.owner().cancelTimer(timer);
                cancelWork();
            }
        }

        private void cancelWork() {
            Cancellable work = subscription;
            if (work != null) {
                work.cancel();
            }
        }
    }
}
