//! Two small future combinators, so the Worker needs no async runtime crate: [`first`] bounds a
//! gateway call by its timeout, [`both`] runs two D1 round trips at once (a write the answer
//! needs and the housekeeping that follows it), so a request waits for the slower one only.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;

/// The output of `work` if it finishes before `deadline`, else `None`.
pub(crate) async fn first<T>(
    work: impl Future<Output = T>,
    deadline: impl Future<Output = ()>,
) -> Option<T> {
    let mut work = pin!(work);
    let mut deadline = pin!(deadline);
    poll_fn(|cx| {
        if let Poll::Ready(value) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(value));
        }
        deadline.as_mut().poll(cx).map(|()| None)
    })
    .await
}

/// The outputs of `a` and `b`, run concurrently.
pub(crate) async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut a_out, mut b_out) = (None, None);
    poll_fn(|cx| {
        if a_out.is_none()
            && let Poll::Ready(value) = a.as_mut().poll(cx)
        {
            a_out = Some(value);
        }
        if b_out.is_none()
            && let Poll::Ready(value) = b.as_mut().poll(cx)
        {
            b_out = Some(value);
        }
        match (a_out.take(), b_out.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            (a, b) => {
                (a_out, b_out) = (a, b);
                Poll::Pending
            }
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::{both, first};
    use crate::tests::fakes::block_on;
    use std::future::{pending, ready};

    #[test]
    fn both_waits_for_both_and_first_gives_up_at_the_deadline() {
        assert_eq!(block_on(both(ready(1), ready("two"))), (1, "two"));
        assert_eq!(block_on(first(ready(3), pending())), Some(3));
        assert_eq!(block_on(first(pending::<u8>(), ready(()))), None);
    }
}
