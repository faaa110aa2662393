//! The metrics' label sets, each a fixed set of `&'static str` values: an
//! account, a user, a record or a token cannot become a label, by type.

use prometheus_client::encoding::EncodeLabelSet;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabel {
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ClientLabel {
    pub client: &'static str,
}

/// The client a card request says it comes from (`from`), as one of five
/// labels: amoCRM's app on `ios` or `android`, the `web` (the preview too),
/// `other` (a client we do not know yet: it shows at once) or `none`.
pub fn client_label(from: Option<&str>) -> &'static str {
    let Some(from) = from.map(str::trim).filter(|f| !f.is_empty()) else {
        return "none";
    };
    match from.to_ascii_lowercase().as_str() {
        "ios" | "iphone" | "ipad" => "ios",
        "android" => "android",
        "web" | "desktop" | "preview" | "demo" => "web",
        _ => "other",
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct EndpointLabel {
    pub endpoint: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct AmoRequestLabels {
    pub endpoint: &'static str,
    pub status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ActionLabels {
    pub kind: &'static str,
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FieldEditLabels {
    pub field_type: &'static str,
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabel {
    pub kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StoreOpLabels {
    pub op: &'static str,
    pub result: &'static str,
}

/// The endpoint group of an amoCRM path: a fixed name, never an id.
pub fn endpoint_group(path: &str) -> &'static str {
    let path = path.split('?').next().unwrap_or(path);
    let mut parts = path
        .trim_start_matches('/')
        .split('/')
        .filter(|p| !p.is_empty());
    match (parts.next(), parts.next(), parts.next()) {
        (Some("oauth2"), _, _) => "oauth_token",
        (Some("api"), Some("v4"), Some(resource)) => {
            let rest: Vec<&str> = parts.collect();
            match (resource, rest.as_slice()) {
                ("account", _) => "account",
                ("users", _) => "users",
                ("leads", ["pipelines", ..]) => "pipelines",
                ("customers", ["statuses", ..]) => "customer_statuses",
                (_, ["custom_fields", ..]) => "custom_fields",
                (_, [_, "notes", ..]) => "notes",
                ("leads", _) => "leads",
                ("customers", _) => "customers",
                ("contacts", _) => "contacts",
                ("companies", _) => "companies",
                ("tasks", _) => "tasks",
                ("events", _) => "events",
                _ => "other",
            }
        }
        _ => "other",
    }
}
