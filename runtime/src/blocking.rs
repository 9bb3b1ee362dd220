//! Calling operations from code that is not async (cargo feature `blocking`).
//!
//! ```ignore
//! use my_client::runtime::blocking::SendBlocking as _;
//! let customer = client.customers().get(id).send_blocking()?;
//! ```
//!
//! Every call runs on one current-thread tokio runtime owned by this module,
//! created on first use and shared by every thread. Use a client either this
//! way or from async code, not both: connections opened here make progress
//! only while a blocking call runs.

use std::future::IntoFuture;
use std::sync::OnceLock;

use super::Error;

/// Sends an operation (anything awaitable that yields an operation's result)
/// and waits for it, blocking the current thread.
pub trait SendBlocking: IntoFuture + Sized
where
    Self::Output: CallResult,
{
    /// Sends the call and waits for its result. Called from inside an async
    /// runtime (where blocking would stall it) it fails with
    /// [`Error::InvalidRequest`] instead of sending.
    fn send_blocking(self) -> Self::Output;
}

impl<F> SendBlocking for F
where
    F: IntoFuture,
    F::Output: CallResult,
{
    fn send_blocking(self) -> F::Output {
        if tokio::runtime::Handle::try_current().is_ok() {
            return F::Output::failed("`send_blocking` was called inside an async runtime; `.await` the call instead");
        }
        match runtime() {
            Ok(runtime) => runtime.block_on(self.into_future()),
            Err(message) => F::Output::failed(message),
        }
    }
}

/// The result of a call, which [`SendBlocking`] can also fail with.
pub trait CallResult {
    /// A failure before anything was sent.
    fn failed(message: &str) -> Self;
}

impl<T, E> CallResult for Result<T, Error<E>> {
    fn failed(message: &str) -> Self {
        Err(Error::InvalidRequest(message.to_owned()))
    }
}

/// The shared runtime, or why it could not be started.
fn runtime() -> Result<&'static tokio::runtime::Runtime, &'static str> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    let started = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| format!("cannot start the runtime of blocking calls: {error}"))
    });
    started.as_ref().map_err(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn answer() -> Result<u32, Error<()>> {
        Ok(42)
    }

    #[test]
    fn a_call_is_awaited_on_the_shared_runtime() {
        assert_eq!(answer().send_blocking().ok(), Some(42));
        assert_eq!(std::thread::spawn(|| answer().send_blocking().ok()).join().ok().flatten(), Some(42));
    }

    #[tokio::test]
    async fn inside_an_async_runtime_it_refuses_instead_of_stalling() {
        let error = answer().send_blocking().expect_err("inside a runtime");
        assert!(error.to_string().contains("inside an async runtime"), "{error}");
    }
}
