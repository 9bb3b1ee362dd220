// A macro of the generated code: the generator appends it to the runtime's
// `mod.rs` when an API has operations.

/// Implements `IntoFuture` for an operation builder, so awaiting it sends the
/// request and yields the decoded body.
macro_rules! into_future {
    ($builder:ident => $ok:ty, $err:ty) => {
        impl<'a> ::std::future::IntoFuture for $builder<'a> {
            type Output = ::std::result::Result<$ok, $crate::runtime::Error<$err>>;
            type IntoFuture = $crate::runtime::BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(async move {
                    self.send_with_response().await.map($crate::runtime::Response::into_body)
                })
            }
        }
    };
}
pub(crate) use into_future;

#[cfg(test)]
mod into_future_tests {
    use super::*;

    /// An operation builder as generated code has them.
    struct Answer<'a>(&'a str);

    impl Answer<'_> {
        async fn send_with_response(self) -> Result<Response<usize>, Error<()>> {
            Ok(Response::new(StatusCode::OK, HeaderMap::new(), self.0.len()))
        }
    }

    crate::runtime::into_future!(Answer => usize, ());

    #[tokio::test]
    async fn awaiting_a_builder_yields_the_decoded_body() {
        assert_eq!(Answer("four").await.ok(), Some(4));
    }
}
