//! Verification of amoCRM's disposable card token (`?token=` on the card URL).
//!
//! Stricter than amoCRM's own PHP library: besides the HS256 signature, audience
//! and time window it checks the issuer's domain, the integration id, and the
//! shape of every claim the card relies on. Failures map to a [`BlockedState`];
//! nothing here performs I/O.

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;

use crate::model::{BlockedState, EntityKind};
use crate::server::amo::host::AccountHost;
use crate::server::base::config::Settings;

/// Larger tokens are refused before any parsing.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;
/// Allowed clock skew between amoCRM and this server, in seconds.
pub const LEEWAY_SECS: i64 = 60;

/// The verified content of a card token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardToken {
    pub jti: String,
    pub account_id: i64,
    pub user_id: i64,
    /// The account's host, from `iss`, e.g. `example.amocrm.ru`.
    pub account_host: String,
    pub subdomain: String,
    pub entity: EntityKind,
    pub entity_id: i64,
    pub is_admin: bool,
    /// Unix seconds.
    pub expires_at: i64,
}

/// What verification needs from the configuration.
#[derive(Clone)]
pub struct Verifier {
    key: DecodingKey,
    /// `scheme://host` of the redirect URI, and `scheme://host:port` when it has a port.
    audiences: Vec<String>,
    client_id: String,
    allowed_domains: Vec<String>,
}

/// Never prints the key: a `Debug` of the verifier may end up in a log.
impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("audiences", &self.audiences)
            .field("client_id", &self.client_id)
            .field("allowed_domains", &self.allowed_domains)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct RawClaims {
    iss: Value,
    aud: Value,
    jti: Value,
    iat: Value,
    exp: Value,
    #[serde(default)]
    nbf: Value,
    account_id: Value,
    user_id: Value,
    #[serde(default)]
    subdomain: Value,
    client_uuid: Value,
    #[serde(default)]
    is_admin: Value,
    data: Value,
}

impl Verifier {
    pub fn new(settings: &Settings) -> Self {
        Self {
            key: DecodingKey::from_secret(settings.integration.client_secret.expose().as_bytes()),
            audiences: settings.integration.audiences(),
            client_id: settings.integration.client_id.to_string(),
            allowed_domains: settings.allowed_domains.clone(),
        }
    }

    /// Verifies `raw` at time `now` (Unix seconds).
    pub fn verify(&self, raw: &str, now: i64) -> Result<CardToken, BlockedState> {
        use BlockedState::*;
        if raw.len() > MAX_TOKEN_LEN || raw.bytes().filter(|b| *b == b'.').count() != 2 {
            return Err(Invalid);
        }
        // Only the header is read before the signature is checked, and only for `alg`.
        let header = jsonwebtoken::decode_header(raw).map_err(|_| Invalid)?;
        if header.alg != Algorithm::HS256 {
            return Err(Invalid);
        }
        let mut validation = Validation::new(Algorithm::HS256);
        // Time, audience and required claims are checked below with an injectable clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<RawClaims>(raw, &self.key, &validation)
            .map_err(|_| Invalid)?
            .claims;

        // Time window first: an expired token is "expired" whatever else is wrong with it.
        let exp = as_int(&claims.exp).ok_or(Invalid)?;
        let iat = as_int(&claims.iat).ok_or(Invalid)?;
        let nbf = match &claims.nbf {
            Value::Null => None,
            v => Some(as_int(v).ok_or(Invalid)?),
        };
        if exp + LEEWAY_SECS <= now {
            return Err(Expired);
        }
        if iat > now + LEEWAY_SECS || nbf.is_some_and(|nbf| nbf > now + LEEWAY_SECS) {
            return Err(NotYetValid);
        }

        // Whose token is it?
        let client_uuid = claims.client_uuid.as_str().ok_or(Invalid)?;
        if !client_uuid.eq_ignore_ascii_case(&self.client_id) {
            return Err(WrongIntegration);
        }
        if !self.audience_matches(&claims.aud) {
            return Err(WrongIntegration);
        }
        let iss = claims.iss.as_str().ok_or(Invalid)?;
        let host =
            AccountHost::from_issuer(iss, &self.allowed_domains).map_err(|_| WrongIntegration)?;
        let iss_subdomain = host.label().to_owned();
        let account_host = host.into_string();
        let subdomain = match &claims.subdomain {
            Value::Null => iss_subdomain,
            Value::String(s) if s.eq_ignore_ascii_case(&iss_subdomain) => iss_subdomain,
            _ => return Err(Invalid),
        };

        let jti = claims
            .jti
            .as_str()
            .filter(|j| !j.is_empty() && j.len() <= 128)
            .filter(|j| {
                j.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .ok_or(Invalid)?
            .to_owned();
        let account_id = positive(&claims.account_id).ok_or(Invalid)?;
        let user_id = positive(&claims.user_id).ok_or(Invalid)?;
        let is_admin = match &claims.is_admin {
            Value::Null => false,
            Value::Bool(b) => *b,
            _ => return Err(Invalid),
        };
        let data = claims.data.as_object().ok_or(Invalid)?;
        let entity_id = data.get("entity_id").and_then(positive).ok_or(Invalid)?;
        let entity = entity_kind(data.get("entity_type").ok_or(Invalid)?)?;

        Ok(CardToken {
            jti,
            account_id,
            user_id,
            account_host,
            subdomain,
            entity,
            entity_id,
            is_admin,
            expires_at: exp,
        })
    }

    fn audience_matches(&self, aud: &Value) -> bool {
        let ok = |a: &str| {
            let a = a.trim_end_matches('/');
            self.audiences.iter().any(|x| a.eq_ignore_ascii_case(x))
        };
        match aud {
            Value::String(a) => ok(a),
            Value::Array(items) => items.iter().any(|a| a.as_str().is_some_and(ok)),
            _ => false,
        }
    }
}

fn as_int(v: &Value) -> Option<i64> {
    v.as_i64()
}

fn positive(v: &Value) -> Option<i64> {
    v.as_i64().filter(|n| *n > 0)
}

/// amoCRM's form of `data.entity_type` is unconfirmed: names or numeric type ids,
/// as strings or numbers. Anything else is a card we do not render.
fn entity_kind(v: &Value) -> Result<EntityKind, BlockedState> {
    let text = match v {
        Value::String(s) => s.trim().to_ascii_lowercase(),
        Value::Number(n) => n.to_string(),
        _ => return Err(BlockedState::Invalid),
    };
    text.parse().map_err(|_| {
        tracing::info!(entity_type = %text.chars().take(32).collect::<String>(), "card for an unsupported entity type");
        BlockedState::Unsupported
    })
}

/// Keeps `from` to a short identifier that is safe to log and count.
pub fn sanitize_from(from: Option<&str>) -> String {
    let clean: String = from
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if clean.is_empty() {
        "unknown".into()
    } else {
        clean
    }
}

/// Signs a card token the way amoCRM does. Used by the preview, the demo, and tests.
pub fn mint(claims: &Value, secret: &str) -> String {
    let header = jsonwebtoken::Header::new(Algorithm::HS256);
    // HS256 with a byte key cannot fail to sign.
    jsonwebtoken::encode(
        &header,
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap_or_default()
}

/// Points `claims` at the account on `host` (`iss` and `subdomain`), as amoCRM
/// does for an account installed from that host.
pub fn point_at_host(claims: &mut Value, host: &str) {
    claims["iss"] = Value::String(format!("https://{host}"));
    claims["subdomain"] = Value::String(host.split('.').next().unwrap_or_default().to_owned());
}

/// Claims amoCRM would put into a token for `entity` of account `account_id`, valid for 30 minutes.
pub fn sample_claims(
    settings: &Settings,
    subdomain: &str,
    account_id: i64,
    user_id: i64,
    entity: EntityKind,
    entity_id: i64,
    now: i64,
) -> Value {
    serde_json::json!({
        "iss": format!("https://{subdomain}.{}", settings.allowed_domains.first().map(String::as_str).unwrap_or("amocrm.ru")),
        "aud": settings.integration.audience(),
        "jti": uuid::Uuid::new_v4().to_string(),
        "iat": now,
        "nbf": now,
        "exp": now + 30 * 60,
        "account_id": account_id,
        "user_id": user_id,
        "subdomain": subdomain,
        "client_uuid": settings.integration.client_id.to_string(),
        "is_admin": false,
        "data": {"entity_type": entity.api_name(), "entity_id": entity_id},
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;
    const SECRET: &str = "integration-secret";

    #[test]
    fn the_verifier_never_prints_its_key() {
        let shown = format!("{:?}", Verifier::new(&settings()));
        assert!(!shown.contains(SECRET), "{shown}");
        // Nor as the byte list a derived Debug of the key would print.
        let bytes = format!("{:?}", SECRET.as_bytes());
        let inner = bytes.trim_start_matches('[').trim_end_matches(']');
        assert!(!shown.contains(&inner[..20]), "{shown}");
        assert!(shown.contains("audiences"));
    }

    fn settings() -> Settings {
        Settings::from_lookup(|k| {
            match k {
                "AMO_CLIENT_ID" => Some("5f0c4a0e-3b0a-4a53-9a39-4e2f0b7d1c11"),
                "AMO_CLIENT_SECRET" => Some(SECRET),
                "AMO_REDIRECT_URI" => Some("https://card.example.com/oauth/callback"),
                "DATABASE_URL" => Some("postgres://localhost/x"),
                "TOKEN_ENCRYPTION_KEY" => Some("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
                _ => None,
            }
            .map(str::to_owned)
        })
        .expect("test settings")
    }

    fn good() -> Value {
        json!({
            "iss": "https://example.amocrm.ru",
            "aud": "https://card.example.com",
            "jti": "6f1c2d3e-0000-4000-8000-000000000001",
            "iat": NOW - 10,
            "nbf": NOW - 10,
            "exp": NOW + 1800,
            "account_id": 31_000_001,
            "user_id": 7_000_001,
            "subdomain": "example",
            "client_uuid": "5f0c4a0e-3b0a-4a53-9a39-4e2f0b7d1c11",
            "is_admin": true,
            "data": {"entity_type": "leads", "entity_id": 12345}
        })
    }

    fn with(path: &str, value: Value) -> Value {
        let mut claims = good();
        let mut target = &mut claims;
        let parts: Vec<&str> = path.split('.').collect();
        for p in &parts[..parts.len() - 1] {
            target = target.get_mut(*p).expect("path");
        }
        let last = parts[parts.len() - 1];
        if value.is_null() {
            target.as_object_mut().expect("object").remove(last);
        } else {
            target[last] = value;
        }
        claims
    }

    fn b64(v: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v)
    }

    fn verify(token: &str) -> Result<CardToken, BlockedState> {
        Verifier::new(&settings()).verify(token, NOW)
    }

    #[test]
    fn a_good_token_verifies() {
        let t = verify(&mint(&good(), SECRET)).unwrap();
        assert_eq!(t.account_id, 31_000_001);
        assert_eq!(t.user_id, 7_000_001);
        assert_eq!(t.account_host, "example.amocrm.ru");
        assert_eq!(t.subdomain, "example");
        assert_eq!(t.entity, EntityKind::Lead);
        assert_eq!(t.entity_id, 12345);
        assert!(t.is_admin);
        assert_eq!(t.expires_at, NOW + 1800);
    }

    #[test]
    fn accepted_variants() {
        let variants = [
            with("data.entity_type", json!("lead")),
            with("data.entity_type", json!(2)),
            with("data.entity_type", json!("2")),
            with("aud", json!("https://card.example.com/")),
            with(
                "aud",
                json!(["https://other.example", "https://card.example.com"]),
            ),
            with("iss", json!("https://example.kommo.com")),
            with("iss", json!("https://example.amocrm.com/")),
            with("subdomain", Value::Null),
            with("nbf", Value::Null),
            with("is_admin", Value::Null),
            with("exp", json!(NOW - 30)), // within leeway
            with("iat", json!(NOW + 30)), // within leeway
        ];
        for claims in variants {
            assert!(verify(&mint(&claims, SECRET)).is_ok(), "{claims}");
        }
        for kind in [
            json!("customers"),
            json!("customer"),
            json!(12),
            json!("12"),
        ] {
            let t = verify(&mint(&with("data.entity_type", kind), SECRET)).unwrap();
            assert_eq!(t.entity, EntityKind::Customer);
        }
    }

    #[test]
    fn bad_tokens_map_to_exact_states() {
        use BlockedState::*;
        let good_token = mint(&good(), SECRET);
        let parts: Vec<&str> = good_token.split('.').collect();
        let header_none = b64(br#"{"alg":"none","typ":"JWT"}"#);
        let header_rs = b64(br#"{"alg":"RS256","typ":"JWT"}"#);
        let header_hs512 = b64(br#"{"alg":"HS512","typ":"JWT"}"#);
        let tampered_payload = b64(with("account_id", json!(1)).to_string().as_bytes());
        let hs512 = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(Algorithm::HS512),
            &good(),
            &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
        )
        .unwrap();
        let non_json = format!("{}.{}.{}", parts[0], b64(b"not json"), parts[2]);

        let cases: Vec<(&str, String, BlockedState)> = vec![
            ("empty", String::new(), Invalid),
            ("garbage", "hello".into(), Invalid),
            ("two parts", format!("{}.{}", parts[0], parts[1]), Invalid),
            ("four parts", format!("{good_token}.x"), Invalid),
            (
                "truncated signature",
                good_token[..good_token.len() - 5].to_owned(),
                Invalid,
            ),
            (
                "huge",
                format!("{}.{}.{}", parts[0], "A".repeat(MAX_TOKEN_LEN), parts[2]),
                Invalid,
            ),
            (
                "alg none, no signature",
                format!("{header_none}.{}.", parts[1]),
                Invalid,
            ),
            (
                "alg none, old signature",
                format!("{header_none}.{}.{}", parts[1], parts[2]),
                Invalid,
            ),
            (
                "alg RS256",
                format!("{header_rs}.{}.{}", parts[1], parts[2]),
                Invalid,
            ),
            (
                "alg HS512 header swap",
                format!("{header_hs512}.{}.{}", parts[1], parts[2]),
                Invalid,
            ),
            ("signed HS512", hs512, Invalid),
            (
                "tampered payload",
                format!("{}.{tampered_payload}.{}", parts[0], parts[2]),
                Invalid,
            ),
            ("wrong key", mint(&good(), "another-secret"), Invalid),
            ("non-JSON payload", non_json, Invalid),
            (
                "expired",
                mint(&with("exp", json!(NOW - 61)), SECRET),
                Expired,
            ),
            (
                "expired long ago",
                mint(&with("exp", json!(NOW - 86_400)), SECRET),
                Expired,
            ),
            (
                "nbf in future",
                mint(&with("nbf", json!(NOW + 120)), SECRET),
                NotYetValid,
            ),
            (
                "iat in future",
                mint(&with("iat", json!(NOW + 120)), SECRET),
                NotYetValid,
            ),
            (
                "missing exp",
                mint(&with("exp", Value::Null), SECRET),
                Invalid,
            ),
            (
                "exp as string",
                mint(&with("exp", json!("soon")), SECRET),
                Invalid,
            ),
            (
                "missing iat",
                mint(&with("iat", Value::Null), SECRET),
                Invalid,
            ),
            (
                "wrong client_uuid",
                mint(
                    &with("client_uuid", json!("11111111-2222-4333-8444-555555555555")),
                    SECRET,
                ),
                WrongIntegration,
            ),
            (
                "client_uuid number",
                mint(&with("client_uuid", json!(5)), SECRET),
                Invalid,
            ),
            (
                "wrong aud",
                mint(&with("aud", json!("https://evil.example.com")), SECRET),
                WrongIntegration,
            ),
            (
                "aud with path prefix trick",
                mint(
                    &with("aud", json!("https://card.example.com.evil.io")),
                    SECRET,
                ),
                WrongIntegration,
            ),
            (
                "missing aud",
                mint(&with("aud", Value::Null), SECRET),
                Invalid,
            ),
            (
                "iss foreign domain",
                mint(&with("iss", json!("https://example.evil.ru")), SECRET),
                WrongIntegration,
            ),
            (
                "iss lookalike domain",
                mint(
                    &with("iss", json!("https://example.amocrm.ru.evil.io")),
                    SECRET,
                ),
                WrongIntegration,
            ),
            (
                "iss http",
                mint(&with("iss", json!("http://example.amocrm.ru")), SECRET),
                WrongIntegration,
            ),
            (
                "iss nested subdomain",
                mint(&with("iss", json!("https://a.b.amocrm.ru")), SECRET),
                WrongIntegration,
            ),
            (
                "subdomain mismatch",
                mint(&with("subdomain", json!("other")), SECRET),
                Invalid,
            ),
            (
                "account_id zero",
                mint(&with("account_id", json!(0)), SECRET),
                Invalid,
            ),
            (
                "account_id negative",
                mint(&with("account_id", json!(-5)), SECRET),
                Invalid,
            ),
            (
                "account_id string",
                mint(&with("account_id", json!("31000001")), SECRET),
                Invalid,
            ),
            (
                "user_id missing",
                mint(&with("user_id", Value::Null), SECRET),
                Invalid,
            ),
            (
                "user_id float",
                mint(&with("user_id", json!(1.5)), SECRET),
                Invalid,
            ),
            (
                "jti missing",
                mint(&with("jti", Value::Null), SECRET),
                Invalid,
            ),
            ("jti empty", mint(&with("jti", json!("")), SECRET), Invalid),
            (
                "jti with markup",
                mint(&with("jti", json!("<script>")), SECRET),
                Invalid,
            ),
            (
                "entity_id zero",
                mint(&with("data.entity_id", json!(0)), SECRET),
                Invalid,
            ),
            (
                "entity_id missing",
                mint(&with("data.entity_id", Value::Null), SECRET),
                Invalid,
            ),
            (
                "data missing",
                mint(&with("data", Value::Null), SECRET),
                Invalid,
            ),
            (
                "entity_type contacts",
                mint(&with("data.entity_type", json!("contacts")), SECRET),
                Unsupported,
            ),
            (
                "entity_type 1",
                mint(&with("data.entity_type", json!(1)), SECRET),
                Unsupported,
            ),
            (
                "entity_type object",
                mint(&with("data.entity_type", json!({})), SECRET),
                Invalid,
            ),
            (
                "is_admin string",
                mint(&with("is_admin", json!("yes")), SECRET),
                Invalid,
            ),
        ];
        assert!(cases.len() >= 20);
        for (name, token, want) in cases {
            assert_eq!(verify(&token), Err(want), "{name}");
        }
    }

    #[test]
    fn from_is_sanitized() {
        assert_eq!(sanitize_from(Some("ios")), "ios");
        assert_eq!(
            sanitize_from(Some("iOS<script>alert(1)</script>")),
            "iosscriptalert1s"
        );
        assert_eq!(sanitize_from(None), "unknown");
        assert_eq!(sanitize_from(Some("\u{202e}")), "unknown");
    }
}
