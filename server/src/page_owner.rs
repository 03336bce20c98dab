//! Each page finishes rendering under its own request's reactive owner.
//!
//! leptos_axum 0.8 (through `ExtendResponse::from_app` of leptos_integration_utils 0.8.9)
//! renders the app under the request's owner, then finishes the page outside of it: it looks
//! up the WebAssembly split manifest, registers the preload links of the page's code in "the
//! current" page head, writes that head (calling the page title's closure), and captures the
//! arena the body is streamed with — all with whatever owner and arena the worker thread last
//! held. Under concurrent requests that is another request's, or none at all. The preload
//! links then land in another page's head (a page got 0, 1, 46, 91… of them by chance), and
//! the title's closure panics ("no Arena is active"), which drops the kept-alive connection
//! without an answer.
//!
//! [`under_request_owner`] wraps the handler's future so that, once the request's owner
//! exists, every poll of it runs under that owner. The owner only exists once leptos has
//! started rendering, inside the first poll: [`record`] (called by leptos under the new owner,
//! before the app renders) keeps it and delays the page's head by one yield of the task, so
//! that the first poll ends before the framework reaches its lookups.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use leptos::reactive::owner::Owner;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

tokio::task_local! {
    /// The owner of the page the current request renders, once leptos has created it.
    static REQUEST_OWNER: Arc<OnceLock<Owner>>;
}

/// Keeps the current owner as the request's, and holds the page's head back by one yield.
/// Part of the pages' additional context: leptos calls it under the request's new owner.
pub fn record() {
    let _ = REQUEST_OWNER.try_with(|slot| {
        let Some(owner) = Owner::current() else {
            return;
        };
        if slot.set(owner).is_ok()
            && let Some(shared) = Owner::current_shared_context()
        {
            shared.defer_stream(Box::pin(tokio::task::yield_now()));
        }
    });
}

/// Middleware: runs the rest of the request under its page's owner, once there is one.
pub async fn under_request_owner(request: Request, next: Next) -> Response {
    let slot = Arc::new(OnceLock::new());
    let inner = UnderOwner {
        slot: Arc::clone(&slot),
        inner: Box::pin(next.run(request)),
    };
    REQUEST_OWNER.scope(slot, inner).await
}

struct UnderOwner<F> {
    slot: Arc<OnceLock<Owner>>,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for UnderOwner<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        match this.slot.get() {
            Some(owner) => owner.with(|| this.inner.as_mut().poll(cx)),
            None => this.inner.as_mut().poll(cx),
        }
    }
}
