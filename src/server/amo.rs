//! The amoCRM side: one HTTP transport (limiter, retries, error mapping) under
//! the REST client and the OAuth calls.

pub mod accounts;
pub mod client;
pub mod custom_fields;
pub mod error;
pub mod events;
pub mod field_defs;
pub mod host;
pub mod oauth;
pub mod rate_limit;
pub mod record_edit;
pub mod rights;
pub mod transport;
pub mod types;
pub mod writes;

pub use client::AmoClient;
pub use error::AmoError;

/// Keeps a response body short enough to log and free of control characters.
pub fn truncate_for_log(body: &str) -> String {
    body.chars().filter(|c| !c.is_control()).take(300).collect()
}

/// What of an amoCRM error body may be logged: the problem's title and status,
/// and validation error codes with their field paths. Never `detail` texts or
/// echoed values, which can carry names, phones and e-mails.
pub fn loggable_error(body: &str) -> String {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        return format!("non-JSON body of {} bytes", body.len());
    };
    let mut parts = Vec::new();
    if let Some(title) = v.get("title").and_then(|t| t.as_str()) {
        parts.push(format!("title={}", truncate_for_log(title)));
    }
    if let Some(status) = v.get("status").and_then(|s| s.as_i64()) {
        parts.push(format!("status={status}"));
    }
    let errors = v
        .get("validation-errors")
        .and_then(|e| e.as_array())
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("errors").and_then(|e| e.as_array()))
        .flatten();
    for e in errors.take(5) {
        let field = |k: &str| e.get(k).and_then(|x| x.as_str()).unwrap_or("?");
        parts.push(format!(
            "{}@{}",
            truncate_for_log(field("code")),
            truncate_for_log(field("path"))
        ));
    }
    if parts.is_empty() {
        "JSON body without a problem title".to_owned()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_error;

    #[test]
    fn error_bodies_lose_their_personal_data_before_logging() {
        let body = r#"{"validation-errors":[{"request_id":"0","errors":[{"code":"InvalidPhone",
            "path":"custom_fields_values.0.values.0.value","detail":"+7 912 345-67-89 is not valid for Иван Петров"}]}],
            "title":"Bad Request","type":"https://httpstatus.es/400","status":400,"detail":"ivan@example.com rejected"}"#;
        let line = loggable_error(body);
        assert_eq!(
            line,
            "title=Bad Request status=400 InvalidPhone@custom_fields_values.0.values.0.value"
        );
        for private in ["912", "Иван", "ivan@"] {
            assert!(!line.contains(private), "{line}");
        }
        assert_eq!(
            loggable_error("<html>Иван Петров</html>"),
            "non-JSON body of 34 bytes"
        );
    }
}
