//! SIGINT/SIGTERM handling for unattended runs (spot-instance reclaim): the first signal asks the
//! run loop to stop after the current batch and write a checkpoint; a second one exits at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the run's first checkpoint is on disk: a second signal exits at once only then (exit
/// 130 promises a checkpoint to resume from).
pub static CHECKPOINT_ON_DISK: AtomicBool = AtomicBool::new(false);

/// Marks the span in which signals stop the run (the handler thread lives until the process exits).
pub struct SignalGuard {
    _private: (),
}

/// Installs the handlers; `stop` is set on the first signal.
pub fn install(stop: Arc<AtomicBool>) -> SignalGuard {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            errln!("warning: cannot install signal handlers ({e}); SIGTERM will not write a checkpoint");
            return SignalGuard { _private: () };
        }
    };
    // Register before returning, so a signal that arrives right after `install` is not lost.
    #[cfg(unix)]
    let registered = {
        use tokio::signal::unix::{SignalKind, signal};
        let _enter = runtime.enter();
        (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
    };
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
                        let name = tokio::select! {
                            _ = term.recv() => "SIGTERM",
                            _ = int.recv() => "SIGINT",
                        };
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
    SignalGuard { _private: () }
}
