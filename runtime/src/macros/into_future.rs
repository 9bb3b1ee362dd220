// A macro of the generated code: the generator appends it to the runtime's
// `mod.rs` when an API has operations.

/// Implements `IntoFuture` for an operation builder, so awaiting it sends the
/// request and yields the decoded body.
macro_rules! into_future {
    ($builder:ident => $ok:ty, $err:ty) => {
        impl<'a> ::std::future::IntoFuture for $builder<'a> {
            type Output = ::std::result::Result<$ok, $crate::runtime::Error<$err>>;
            type IntoFuture = $crate::runtime::ReplyBody<'a, $ok, $err>;

            fn into_future(self) -> Self::IntoFuture {
                self.send_with_response().body()
            }
        }
    };
}
pub(crate) use into_future;

#[cfg(test)]
mod into_future_tests {
    use super::*;

    /// An operation builder as generated code has them.
    struct Answer<'a>(&'a ClientCore);

    impl<'a> Answer<'a> {
        fn send_with_response(self) -> Reply<'a, u64, ()> {
            self.0.request(Method::GET, "/answer").reply(Self::decode)
        }

        fn decode(response: RawResponse) -> SendResult<u64, ()> {
            response.success(json)
        }
    }

    crate::runtime::into_future!(Answer => u64, ());

    #[tokio::test]
    async fn awaiting_a_builder_yields_the_decoded_body() {
        let (base, served) = crate::test_server::serve_once(200, "4");
        let core = ClientConfig::new(&base).build().expect("a loopback base URL");
        assert_eq!(Answer(&core).await.ok(), Some(4));
        assert!(served.join().expect("the server").starts_with("GET /answer "));
    }
}
