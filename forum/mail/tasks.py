"""The worker's mail tasks: deliver due mails, and the sweep every minute."""

from huey import crontab

from forum.mail import delivery
from forum.tasks import note_worker_alive, periodic_task, task


@task()
def deliver_due() -> None:
    """Send the mails that are due; come back when a retry is due or more are waiting."""
    run = delivery.deliver_due()
    follow_up(run)


@periodic_task(crontab(minute="*"))
def sweep_outbox() -> None:
    """Every minute: tell /healthz a worker is alive, requeue the mails of dead workers,
    delete old mails, and deliver what is due (a delivery task lost on the way, or a
    retry whose task went missing)."""
    note_worker_alive()
    delivery.sweep()
    if delivery.has_due():
        follow_up(delivery.deliver_due())


def follow_up(run: delivery.Run) -> None:
    if run.more_due:
        deliver_due()
    if run.retry_at is not None:
        deliver_due.schedule(eta=run.retry_at)
