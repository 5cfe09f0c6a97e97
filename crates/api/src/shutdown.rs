//! Stopping gracefully: the signal background work (imports, the mail and webhook workers)
//! watches at its safe points, and the count of work still holding leases.
//!
//! On SIGTERM the server first stops accepting and answers what it accepted; then the
//! background work is told to stop after what it is committing, gives its leases back (so
//! another instance takes the work over at its next poll, not after `REBOUND_LEASE_MS`), and
//! the process waits for that before it exits.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// Shared by everything that runs in the background of one server.
#[derive(Debug, Clone)]
pub struct Stopping {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The runtime the server was built on, which outlives the HTTP workers: actix stops its
    /// workers' runtimes at shutdown, dropping whatever a request spawned there mid-way,
    /// lease and all.
    runtime: Option<tokio::runtime::Handle>,
    requested: watch::Sender<bool>,
    /// Pieces of work that hold leases right now (see [`Stopping::enter`]).
    busy: AtomicUsize,
    idle: Notify,
}

impl Default for Stopping {
    fn default() -> Self {
        Stopping {
            inner: Arc::new(Inner {
                runtime: tokio::runtime::Handle::try_current().ok(),
                requested: watch::Sender::new(false),
                busy: AtomicUsize::new(0),
                idle: Notify::new(),
            }),
        }
    }
}

/// Counts one piece of background work as running until dropped.
#[derive(Debug)]
pub struct Busy(Stopping);

impl Drop for Busy {
    fn drop(&mut self) {
        if self.0.inner.busy.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.inner.idle.notify_waiters();
        }
    }
}

impl Stopping {
    /// Asks every piece of background work to stop at its next safe point.
    pub fn request(&self) {
        self.inner.requested.send_replace(true);
    }

    pub fn is_requested(&self) -> bool {
        *self.inner.requested.borrow()
    }

    /// Resolves once a stop is requested (at once if it already was).
    pub async fn requested(&self) {
        let mut seen = self.inner.requested.subscribe();
        // The sender lives in `self`, so waiting cannot fail.
        let _ = seen.wait_for(|stop| *stop).await;
    }

    /// Sleeps `duration`, or less when a stop is requested meanwhile; true when it was.
    pub async fn sleep(&self, duration: Duration) -> bool {
        tokio::select! {
            () = tokio::time::sleep(duration) => self.is_requested(),
            () = self.requested() => true,
        }
    }

    /// Marks a piece of work that holds a lease as running; the server waits for it (for a
    /// while) before exiting.
    pub fn enter(&self) -> Busy {
        self.inner.busy.fetch_add(1, Ordering::SeqCst);
        Busy(self.clone())
    }

    /// Runs background work a request started (an import) on the server's own runtime,
    /// counted as busy until it ends, so a stopping server waits for it to give its lease
    /// back.
    pub fn spawn<F>(&self, work: F)
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        let busy = self.enter();
        let work = async move {
            let _busy = busy;
            work.await;
        };
        match &self.inner.runtime {
            Some(runtime) => drop(runtime.spawn(work)),
            None => drop(tokio::spawn(work)),
        }
    }

    /// Waits until no work holds a lease, at most `within`; false if some still does.
    pub async fn until_idle(&self, within: Duration) -> bool {
        let wait = async {
            loop {
                let idle = self.inner.idle.notified();
                if self.inner.busy.load(Ordering::SeqCst) == 0 {
                    return;
                }
                idle.await;
            }
        };
        tokio::time::timeout(within, wait).await.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waits_for_busy_work_and_wakes_sleepers() {
        let stopping = Stopping::default();
        let busy = stopping.enter();
        assert!(!stopping.until_idle(Duration::from_millis(20)).await);
        let sleeper = {
            let stopping = stopping.clone();
            tokio::spawn(async move { stopping.sleep(Duration::from_secs(600)).await })
        };
        stopping.request();
        assert!(sleeper.await.unwrap_or(false), "the sleep ends on the stop");
        drop(busy);
        assert!(stopping.until_idle(Duration::from_secs(5)).await);
    }
}
