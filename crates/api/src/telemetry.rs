//! Logging: `tracing` with the request id of tracing-actix-web's root span on every line.

use actix_web::Error;
use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Idempotent: tests build many applications in one process.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,actix_server=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let _ = if json {
        registry
            .with(fmt::layer().json().with_current_span(true))
            .try_init()
    } else {
        registry.with(fmt::layer().compact()).try_init()
    };
}

/// The request span, and one line when it ends in an error: a refusal (4xx) at INFO with its
/// one-line reason, a fault (5xx) at ERROR with its cause. The default builder logged every
/// refusal at WARN with a debug dump of the error, burying the faults.
///
/// The span is lean on purpose. tracing-actix-web's `root_span!` fills sixteen fields before
/// routing, among them `http.route`, which walks the whole route table, and the connection
/// info, which parses forwarding headers: measured, that was most of the gap between a
/// cached portal read and `/healthz`. The route is recorded when the request ends, from the
/// routing already done, and only for the lines that need it.
#[derive(Debug)]
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        // Set by `TracingLogger` just before it asks for the span.
        let request_id = request.extensions().get::<RequestId>().copied();
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = request.path(),
            request_id = request_id.map(tracing::field::display),
            status = tracing::field::Empty,
            route = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, error, route) = match outcome {
            Ok(response) => (
                response.status(),
                response.response().error().map(|e| e.to_string()),
                response.request().match_pattern(),
            ),
            Err(e) => (
                e.as_response_error().status_code(),
                Some(e.to_string()),
                None,
            ),
        };
        span.record("status", status.as_u16());
        let Some(error) = error else {
            return;
        };
        if let Some(route) = route {
            span.record("route", route);
        }
        let status = status.as_u16();
        if (400..500).contains(&status) {
            tracing::info!(status, %error, "request refused");
        } else {
            // `ApiError`'s Display carries its cause.
            tracing::error!(status, %error, "request failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use actix_web::HttpResponse;
    use actix_web::test::TestRequest;
    use std::sync::{Arc, Mutex};
    use tracing::{Level, Subscriber};
    use tracing_subscriber::layer::{Context, Layer};

    /// Keeps the level and the rendered fields of every event.
    #[derive(Clone, Default)]
    struct Recorded(Arc<Mutex<Vec<(Level, String)>>>);

    impl<S: Subscriber> Layer<S> for Recorded {
        fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
            struct Fields(String);
            impl tracing::field::Visit for Fields {
                fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                    self.0.push_str(&format!("{}={v:?} ", f.name()));
                }
            }
            let mut fields = Fields(String::new());
            event.record(&mut fields);
            if let Ok(mut lines) = self.0.lock() {
                lines.push((*event.metadata().level(), fields.0));
            }
        }
    }

    fn log_of(error: ApiError) -> Vec<(Level, String)> {
        let recorded = Recorded::default();
        let subscriber = tracing_subscriber::registry().with(recorded.clone());
        tracing::subscriber::with_default(subscriber, || {
            // `ServiceResponse::new`, not `to_srv_response`: the latter converts through
            // `Response` and drops the error the logger reads, as the server never does.
            let response = ServiceResponse::new(
                TestRequest::default().to_http_request(),
                HttpResponse::from_error(error),
            );
            RequestSpan::on_request_end(Span::current(), &Ok(response));
        });
        recorded.0.lock().map(|l| l.clone()).unwrap_or_default()
    }

    #[test]
    fn refusals_are_one_info_line_and_faults_an_error_with_their_cause() {
        let refused = log_of(ApiError::not_found("order"));
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert_eq!(refused[0].0, Level::INFO);
        assert!(refused[0].1.contains("order not found"), "{refused:?}");
        assert!(
            !refused[0].1.contains("ApiError {"),
            "no debug dump: {refused:?}"
        );

        let failed = log_of(ApiError::internal(anyhow::anyhow!("disk full")));
        let errors: Vec<_> = failed.iter().filter(|(l, _)| *l == Level::ERROR).collect();
        assert_eq!(errors.len(), 1, "{failed:?}");
        assert!(errors[0].1.contains("disk full"), "{failed:?}");
    }
}
