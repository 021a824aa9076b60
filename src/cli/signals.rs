//! SIGINT/SIGTERM handling for unattended runs (spot-instance reclaim): the first signal asks the
//! run loop to stop after the current batch and write a checkpoint; a second one exits at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the run's first checkpoint is on disk: a second signal exits at once only then (exit
/// 130 promises a checkpoint to resume from).
pub static CHECKPOINT_ON_DISK: AtomicBool = AtomicBool::new(false);

/// While it lives, SIGINT/SIGTERM stop the run after its batch with a checkpoint. Once dropped (the
/// run is over and its files are being written), the first signal only says so and the second
/// ends the process at once with the status a default handler gives (128 + the signal number):
/// outputs a few moments from done are not thrown away.
pub struct SignalGuard {
    active: Arc<AtomicBool>,
}

impl Drop for SignalGuard {
    fn drop(&mut self) {
        self.active.store(false, Ordering::SeqCst);
    }
}

/// Installs the handlers; `stop` is set on the first signal.
pub fn install(stop: Arc<AtomicBool>) -> SignalGuard {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            errln!("warning: cannot install signal handlers ({e}); SIGTERM will not write a checkpoint");
            return SignalGuard { active: Arc::new(AtomicBool::new(false)) };
        }
    };
    // Register before returning, so a signal that arrives right after `install` is not lost.
    #[cfg(unix)]
    let registered = {
        use tokio::signal::unix::{SignalKind, signal};
        let _enter = runtime.enter();
        (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
    };
    let active = Arc::new(AtomicBool::new(true));
    let thread_active = active.clone();
    std::thread::Builder::new()
        .name("vecrun-signals".into())
        .spawn(move || {
            // A current-thread runtime drives its signal driver only inside `Runtime::block_on`.
            runtime.block_on(async move {
                #[cfg(unix)]
                {
                    let (Ok(mut term), Ok(mut int)) = registered else {
                        errln!("warning: cannot install signal handlers; SIGTERM will not write a checkpoint");
                        return;
                    };
                    loop {
                        let (name, number) = tokio::select! {
                            _ = term.recv() => ("SIGTERM", 15),
                            _ = int.recv() => ("SIGINT", 2),
                        };
                        if !thread_active.load(Ordering::SeqCst) {
                            if stop.swap(true, Ordering::SeqCst) {
                                std::process::exit(128 + number);
                            }
                            errln!("vecrun: {name}: the run is over; finishing its output files (a second signal exits at once)");
                            continue;
                        }
                        if stop.swap(true, Ordering::SeqCst) {
                            if CHECKPOINT_ON_DISK.load(Ordering::SeqCst) {
                                errln!("vecrun: second {name}: exiting now; the last checkpoint written stays the resume point");
                                std::process::exit(super::exit::INTERRUPTED);
                            }
                            errln!("vecrun: second {name}: exiting as soon as the first checkpoint is written");
                            continue;
                        }
                        errln!("vecrun: {name}: stopping after the current batch and writing a checkpoint");
                    }
                }
                #[cfg(not(unix))]
                {
                    if tokio::signal::ctrl_c().await.is_ok() {
                        stop.store(true, Ordering::SeqCst);
                    }
                }
            })
        })
        .ok();
    SignalGuard { active }
}
