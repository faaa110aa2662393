//! Typed configuration, read once at start-up from the environment (and `.env`).
//!
//! Every problem is reported as one line that names the variable, so an
//! operator can fix a deployment without reading code.

mod secrets;

pub use secrets::{EncryptionKey, Secret};

use url::Url;
use uuid::Uuid;

/// Account domains amoCRM and Kommo accounts live on: the only domains the
/// integration secret may be sent to. `AMO_ALLOWED_DOMAINS` may narrow this
/// list, never widen it.
pub const ACCOUNT_DOMAINS: &[&str] = &["amocrm.ru", "amocrm.com", "kommo.com"];

/// The pool's size when `DATABASE_MAX_CONNECTIONS` is unset.
pub const DEFAULT_DATABASE_MAX_CONNECTIONS: u32 = 16;

/// How long an amoCRM call may wait for a rate-limit slot by default.
pub const DEFAULT_RATE_LIMIT_WAIT: std::time::Duration = std::time::Duration::from_secs(6);

/// amoCRM revokes a refresh token unused for three months (oauth docs):
/// a grant idle for a month is refreshed in the background.
pub const DEFAULT_IDLE_REFRESH_DAYS: usize = 30;

/// `AMO_IDLE_REFRESH_DAYS` as a duration; 0 days: never.
fn idle_refresh_after(days: usize) -> Option<std::time::Duration> {
    (days > 0).then(|| std::time::Duration::from_secs(86_400 * days as u64))
}

/// How old the cached users may be for a write before the acting user is read
/// again, unless `AMO_RIGHTS_RECHECK_SECS` says otherwise.
pub const DEFAULT_RIGHTS_RECHECK: std::time::Duration = std::time::Duration::from_secs(60);

/// The integration's identity at amoCRM.
#[derive(Clone, Debug)]
pub struct Integration {
    pub client_id: Uuid,
    pub client_secret: Secret,
    pub redirect_uri: Url,
}

impl Integration {
    /// The `aud` amoCRM puts into disposable tokens: `scheme://host` of the redirect URI.
    pub fn audience(&self) -> String {
        let host = self.redirect_uri.host_str().unwrap_or_default();
        format!("{}://{}", self.redirect_uri.scheme(), host)
    }

    /// Every `aud` a card token may carry: [`Self::audience`], and with it the
    /// same origin with its port when the redirect URI has a non-default one.
    pub fn audiences(&self) -> Vec<String> {
        let mut all = vec![self.audience()];
        if let Some(port) = self.redirect_uri.port() {
            all.push(format!("{}:{port}", self.audience()));
        }
        all
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// No credentials: an in-process fake amoCRM with sample data.
    Demo,
    /// Real amoCRM credentials.
    Production,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub mode: Mode,
    pub integration: Integration,
    pub database_url: Option<Secret>,
    /// Postgres connections this replica may hold (`DATABASE_MAX_CONNECTIONS`):
    /// replicas times this stays under the server's `max_connections`.
    pub database_max_connections: u32,
    pub api_base_url: Option<Url>,
    pub encryption_key: EncryptionKey,
    pub allowed_domains: Vec<String>,
    /// Enables `/preview` in production, behind HTTP Basic auth with this password.
    pub preview_secret: Option<Secret>,
    /// amoCRM requests per second per account (amoCRM allows 7).
    pub rate_limit_per_second: usize,
    /// How long an amoCRM call may wait for a rate-limit slot before the card
    /// shows its rate-limited state.
    pub rate_limit_max_wait: std::time::Duration,
    /// How old the cached users may be before a write reads the acting user
    /// again (`AMO_RIGHTS_RECHECK_SECS`; 0: before every write).
    pub rights_recheck: std::time::Duration,
    /// A grant no card refreshed for this long is refreshed in the background
    /// (`AMO_IDLE_REFRESH_DAYS`; 0: never), before amoCRM revokes refresh
    /// tokens unused for three months.
    pub idle_refresh_after: Option<std::time::Duration>,
    /// Where `/metrics` is served (`METRICS_ADDR`); `None`: not at all.
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// A reverse proxy we trust sets `X-Request-Id` (`TRUST_PROXY_HEADERS`).
    pub trust_proxy_headers: bool,
    /// Quick actions from the production preview (`PREVIEW_WRITES`); off: read-only.
    pub preview_writes: bool,
    /// Demo accounts installed at start-up (`DEMO_ACCOUNTS`, demo mode only).
    pub demo_accounts: usize,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{0} is not set; it is required when AMO_CLIENT_ID is set")]
    Missing(&'static str),
    #[error("{var} {reason}")]
    Invalid { var: &'static str, reason: String },
    #[error(
        "AMO_CLIENT_ID is not set, but {0} is: set AMO_CLIENT_ID too, or unset {0} to run the demo"
    )]
    PartialCredentials(&'static str),
    #[error(
        "AMO_CLIENT_ID is not set, but {0} is: set AMO_CLIENT_ID (and the rest of the production variables), \
         or set DEMO_MODE=true to run the demo on this {0} on purpose"
    )]
    DemoOnProductionData(&'static str),
}

/// A whole number in `range`; `None` when unset.
fn number(
    get: impl Fn(&str) -> Option<String>,
    var: &'static str,
    range: std::ops::RangeInclusive<usize>,
) -> Result<Option<usize>, ConfigError> {
    get(var)
        .map(|v| {
            v.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    invalid(
                        var,
                        format!("must be a number from {} to {}", range.start(), range.end()),
                    )
                })
        })
        .transpose()
}

/// A `true`/`false` (or `1`/`0`) variable; unset is `false`.
fn flag(get: impl Fn(&str) -> Option<String>, var: &'static str) -> Result<bool, ConfigError> {
    match get(var).as_deref().map(str::trim) {
        None | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(_) => Err(invalid(var, "must be true or false")),
    }
}

fn invalid(var: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        var,
        reason: reason.into(),
    }
}

/// Credentials of the demo integration. They only ever talk to the in-process fake.
pub const DEMO_CLIENT_ID: &str = "00000000-0000-4000-8000-00000000d3e0";
pub const DEMO_CLIENT_SECRET: &str = "demo-client-secret-not-for-production";
pub const DEMO_REDIRECT_URI: &str = "http://127.0.0.1:3000/oauth/callback";

impl Settings {
    /// Loads settings from the process environment (after reading `.env` if present).
    pub fn from_process_env() -> Result<Self, ConfigError> {
        // A missing .env is normal; a broken one is not worth refusing to start over.
        let _ = dotenvy::dotenv();
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Loads settings from any key lookup, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |key: &str| lookup(key).filter(|v| !v.trim().is_empty());

        let api_base_url = get("AMO_API_BASE_URL")
            .map(|v| parse_base_url(&v).map_err(|r| invalid("AMO_API_BASE_URL", r)))
            .transpose()?;
        let allowed_domains = match get("AMO_ALLOWED_DOMAINS") {
            Some(v) => parse_domains(&v).map_err(|r| invalid("AMO_ALLOWED_DOMAINS", r))?,
            None => ACCOUNT_DOMAINS.iter().map(|d| d.to_string()).collect(),
        };
        let database_url = get("DATABASE_URL").map(Secret::new);
        let database_max_connections = number(get, "DATABASE_MAX_CONNECTIONS", 1..=1000)?
            .map_or(DEFAULT_DATABASE_MAX_CONNECTIONS, |n| n as u32);
        let rate_limit_per_second =
            number(get, "AMO_RATE_LIMIT_PER_SECOND", 1..=1000)?.unwrap_or(7);
        let rate_limit_max_wait = number(get, "AMO_RATE_LIMIT_MAX_WAIT_MS", 100..=60_000)?
            .map_or(DEFAULT_RATE_LIMIT_WAIT, |ms| {
                std::time::Duration::from_millis(ms as u64)
            });
        let rights_recheck = number(get, "AMO_RIGHTS_RECHECK_SECS", 0..=600)?
            .map_or(DEFAULT_RIGHTS_RECHECK, |secs| {
                std::time::Duration::from_secs(secs as u64)
            });
        let idle_refresh_after = idle_refresh_after(
            number(get, "AMO_IDLE_REFRESH_DAYS", 0..=80)?.unwrap_or(DEFAULT_IDLE_REFRESH_DAYS),
        );
        let preview_secret = match get("PREVIEW_SECRET") {
            Some(v) if v.trim().chars().count() >= 24 => Some(Secret::new(v.trim())),
            Some(_) => return Err(invalid("PREVIEW_SECRET", "must be at least 24 characters")),
            None => None,
        };
        let encryption_key = get("TOKEN_ENCRYPTION_KEY")
            .map(|v| EncryptionKey::from_base64(&v).map_err(|r| invalid("TOKEN_ENCRYPTION_KEY", r)))
            .transpose()?;

        let metrics_addr = get("METRICS_ADDR")
            .map(|v| {
                v.trim()
                    .parse::<std::net::SocketAddr>()
                    .map_err(|_| invalid("METRICS_ADDR", "must be an address like 127.0.0.1:9464"))
            })
            .transpose()?;
        let trust_proxy_headers = flag(get, "TRUST_PROXY_HEADERS")?;
        let demo_accounts = number(get, "DEMO_ACCOUNTS", 1..=1000)?.unwrap_or(2);

        let demo_requested = flag(get, "DEMO_MODE")?;
        let preview_writes = flag(get, "PREVIEW_WRITES")?;
        let Some(client_id) = get("AMO_CLIENT_ID") else {
            for var in ["AMO_CLIENT_SECRET", "AMO_REDIRECT_URI"] {
                if get(var).is_some() {
                    return Err(ConfigError::PartialCredentials(var));
                }
            }
            // A demo signs tokens with a public secret: on a real database it could
            // spoil real accounts, so it runs there only when asked for by name.
            if !demo_requested {
                for var in ["DATABASE_URL", "TOKEN_ENCRYPTION_KEY"] {
                    if get(var).is_some() {
                        return Err(ConfigError::DemoOnProductionData(var));
                    }
                }
            }
            return Ok(Self {
                database_max_connections,
                rate_limit_per_second,
                rate_limit_max_wait,
                rights_recheck,
                idle_refresh_after,
                metrics_addr,
                trust_proxy_headers,
                demo_accounts,
                ..Self::demo(database_url, api_base_url, encryption_key, allowed_domains)
            });
        };

        if demo_requested {
            return Err(invalid(
                "DEMO_MODE",
                "cannot be true while AMO_CLIENT_ID is set",
            ));
        }
        let client_id = Uuid::parse_str(client_id.trim())
            .map_err(|_| invalid("AMO_CLIENT_ID", "must be the integration's UUID"))?;
        let client_secret =
            get("AMO_CLIENT_SECRET").ok_or(ConfigError::Missing("AMO_CLIENT_SECRET"))?;
        let redirect_uri =
            get("AMO_REDIRECT_URI").ok_or(ConfigError::Missing("AMO_REDIRECT_URI"))?;
        let redirect_uri = Url::parse(redirect_uri.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .ok_or_else(|| invalid("AMO_REDIRECT_URI", "must be an absolute http(s) URL"))?;
        let database_url = database_url.ok_or(ConfigError::Missing("DATABASE_URL"))?;
        let encryption_key = encryption_key.ok_or(ConfigError::Missing("TOKEN_ENCRYPTION_KEY"))?;

        Ok(Self {
            mode: Mode::Production,
            integration: Integration {
                client_id,
                client_secret: Secret::new(client_secret),
                redirect_uri,
            },
            database_url: Some(database_url),
            database_max_connections,
            api_base_url,
            encryption_key,
            allowed_domains,
            preview_secret,
            rate_limit_per_second,
            rate_limit_max_wait,
            rights_recheck,
            idle_refresh_after,
            metrics_addr,
            trust_proxy_headers,
            preview_writes,
            demo_accounts: 0,
        })
    }

    fn demo(
        database_url: Option<Secret>,
        api_base_url: Option<Url>,
        encryption_key: Option<EncryptionKey>,
        allowed_domains: Vec<String>,
    ) -> Self {
        let encryption_key = encryption_key.unwrap_or_else(|| EncryptionKey {
            id: "demo".into(),
            bytes: rand::random(),
        });
        Self {
            mode: Mode::Demo,
            integration: Integration {
                client_id: Uuid::parse_str(DEMO_CLIENT_ID).unwrap_or_default(),
                client_secret: Secret::new(DEMO_CLIENT_SECRET),
                redirect_uri: Url::parse(DEMO_REDIRECT_URI)
                    .unwrap_or_else(|_| Url::parse("http://localhost/").expect("static URL")),
            },
            database_url,
            database_max_connections: DEFAULT_DATABASE_MAX_CONNECTIONS,
            api_base_url,
            encryption_key,
            allowed_domains,
            preview_secret: None,
            rate_limit_per_second: 7,
            rate_limit_max_wait: DEFAULT_RATE_LIMIT_WAIT,
            rights_recheck: DEFAULT_RIGHTS_RECHECK,
            idle_refresh_after: idle_refresh_after(DEFAULT_IDLE_REFRESH_DAYS),
            metrics_addr: None,
            trust_proxy_headers: false,
            preview_writes: false,
            demo_accounts: 2,
        }
    }

    pub fn is_demo(&self) -> bool {
        self.mode == Mode::Demo
    }

    /// Cookies get `Secure` whenever the service is reached over https.
    pub fn secure_cookies(&self) -> bool {
        self.integration.redirect_uri.scheme() == "https"
    }
}

fn parse_base_url(value: &str) -> Result<Url, String> {
    let url = Url::parse(value.trim()).map_err(|_| "must be an absolute http(s) URL".to_owned())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("must be an absolute http(s) URL".into());
    }
    Ok(url)
}

fn parse_domains(value: &str) -> Result<Vec<String>, String> {
    let domains: Vec<String> = value
        .split(',')
        .map(|d| d.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .collect();
    if domains.is_empty() {
        return Err("must list at least one domain, e.g. amocrm.ru,kommo.com".into());
    }
    if let Some(bad) = domains.iter().find(|d| {
        !d.contains('.')
            || !d
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    }) {
        return Err(format!("has an invalid domain {bad:?}"));
    }
    // The install callback posts the integration secret to hosts under these
    // domains: an operator may narrow the list, never add a domain amoCRM does
    // not host accounts on (tests and staging point AMO_API_BASE_URL elsewhere).
    if let Some(foreign) = domains
        .iter()
        .find(|d| !ACCOUNT_DOMAINS.contains(&d.as_str()))
    {
        return Err(format!(
            "lists {foreign:?}, which is not an amoCRM or Kommo account domain ({})",
            ACCOUNT_DOMAINS.join(", ")
        ));
    }
    Ok(domains)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    fn load(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    fn full() -> Vec<(&'static str, &'static str)> {
        vec![
            ("AMO_CLIENT_ID", "5f0c4a0e-3b0a-4a53-9a39-4e2f0b7d1c11"),
            ("AMO_CLIENT_SECRET", "s3cr3t"),
            (
                "AMO_REDIRECT_URI",
                "https://card.example.com/oauth/callback",
            ),
            ("DATABASE_URL", "postgres://localhost/x"),
            ("TOKEN_ENCRYPTION_KEY", KEY),
        ]
    }

    #[test]
    fn empty_environment_is_demo_mode() {
        let s = load(&[]).unwrap();
        assert!(s.is_demo());
        assert!(s.database_url.is_none());
    }

    #[test]
    fn full_credentials_are_production() {
        let s = load(&full()).unwrap();
        assert_eq!(s.mode, Mode::Production);
        assert_eq!(s.integration.audience(), "https://card.example.com");
        assert!(s.secure_cookies());
        assert_eq!(s.encryption_key.id.len(), 8);
    }

    #[test]
    fn each_missing_variable_is_named() {
        for var in [
            "AMO_CLIENT_SECRET",
            "AMO_REDIRECT_URI",
            "DATABASE_URL",
            "TOKEN_ENCRYPTION_KEY",
        ] {
            let pairs: Vec<_> = full().into_iter().filter(|(k, _)| *k != var).collect();
            let err = load(&pairs).unwrap_err();
            assert_eq!(err, ConfigError::Missing(var));
            assert!(err.to_string().starts_with(var));
        }
    }

    #[test]
    fn rate_limit_settings_apply_in_demo_mode_too() {
        let s = load(&[
            ("AMO_RATE_LIMIT_PER_SECOND", "50"),
            ("AMO_RATE_LIMIT_MAX_WAIT_MS", "2500"),
        ])
        .unwrap();
        assert!(s.is_demo());
        assert_eq!(s.rate_limit_per_second, 50);
        assert_eq!(
            s.rate_limit_max_wait,
            std::time::Duration::from_millis(2_500)
        );
        let s = load(&full()).unwrap();
        assert_eq!(s.rate_limit_per_second, 7);
        assert_eq!(s.rate_limit_max_wait, std::time::Duration::from_secs(6));
        assert_eq!(s.database_max_connections, 16);
        let mut small = full();
        small.push(("DATABASE_MAX_CONNECTIONS", "4"));
        assert_eq!(load(&small).unwrap().database_max_connections, 4);
        assert_eq!(load(&[]).unwrap().demo_accounts, 2);
        let day = std::time::Duration::from_secs(86_400);
        assert_eq!(load(&[]).unwrap().idle_refresh_after, Some(30 * day));
        assert_eq!(
            load(&[("AMO_IDLE_REFRESH_DAYS", "7")])
                .unwrap()
                .idle_refresh_after,
            Some(7 * day)
        );
        assert_eq!(
            load(&[("AMO_IDLE_REFRESH_DAYS", "0")])
                .unwrap()
                .idle_refresh_after,
            None
        );
        assert!(load(&[("AMO_IDLE_REFRESH_DAYS", "90")]).is_err());
        assert_eq!(load(&[("DEMO_ACCOUNTS", "50")]).unwrap().demo_accounts, 50);
    }

    #[test]
    fn a_database_or_key_without_credentials_is_not_a_silent_demo() {
        for var in ["DATABASE_URL", "TOKEN_ENCRYPTION_KEY"] {
            let value = if var == "DATABASE_URL" {
                "postgres://localhost/x"
            } else {
                KEY
            };
            let err = load(&[(var, value)]).unwrap_err();
            assert_eq!(err, ConfigError::DemoOnProductionData(var));
            let line = err.to_string();
            assert!(line.starts_with("AMO_CLIENT_ID"), "{line}");
            assert!(line.contains("DEMO_MODE=true"), "{line}");
            let demo = load(&[(var, value), ("DEMO_MODE", "true")]).unwrap();
            assert!(demo.is_demo());
        }
        assert!(
            load(&[]).unwrap().is_demo(),
            "no configuration stays a demo"
        );
        let mut prod = full();
        prod.push(("DEMO_MODE", "true"));
        assert!(matches!(
            load(&prod).unwrap_err(),
            ConfigError::Invalid {
                var: "DEMO_MODE",
                ..
            }
        ));
    }

    #[test]
    fn partial_credentials_never_fall_back_to_demo() {
        let err = load(&[("AMO_CLIENT_SECRET", "x")]).unwrap_err();
        assert_eq!(err, ConfigError::PartialCredentials("AMO_CLIENT_SECRET"));
        assert!(err.to_string().contains("AMO_CLIENT_ID"));
    }

    #[test]
    fn invalid_values_are_named() {
        let cases = [
            ("AMO_CLIENT_ID", "not-a-uuid"),
            ("AMO_REDIRECT_URI", "/relative"),
            ("TOKEN_ENCRYPTION_KEY", "c2hvcnQ="),
            ("TOKEN_ENCRYPTION_KEY", "%%%"),
            ("AMO_API_BASE_URL", "ftp://x"),
            ("AMO_ALLOWED_DOMAINS", " , "),
            ("AMO_ALLOWED_DOMAINS", "amocrm.ru,evil.com"),
            ("AMO_ALLOWED_DOMAINS", "github.io"),
            ("PREVIEW_SECRET", "short"),
            ("AMO_RATE_LIMIT_PER_SECOND", "0"),
            ("AMO_RATE_LIMIT_MAX_WAIT_MS", "10"),
            ("AMO_RATE_LIMIT_MAX_WAIT_MS", "soon"),
            ("AMO_RIGHTS_RECHECK_SECS", "601"),
            ("AMO_RIGHTS_RECHECK_SECS", "a minute"),
            ("METRICS_ADDR", "localhost"),
            ("TRUST_PROXY_HEADERS", "yes"),
            ("PREVIEW_WRITES", "on"),
            ("DEMO_ACCOUNTS", "0"),
            ("DEMO_ACCOUNTS", "many"),
            ("DATABASE_MAX_CONNECTIONS", "0"),
            ("DATABASE_MAX_CONNECTIONS", "1001"),
            ("DATABASE_MAX_CONNECTIONS", "lots"),
        ];
        for (var, value) in cases {
            let mut pairs = full();
            pairs.retain(|(k, _)| *k != var);
            pairs.push((var, value));
            match load(&pairs) {
                Err(ConfigError::Invalid { var: v, .. }) => assert_eq!(v, var),
                other => panic!("{var}={value}: {other:?}"),
            }
        }
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let s = load(&full()).unwrap();
        let dbg = format!("{s:?}");
        assert!(!dbg.contains("s3cr3t"));
        assert!(!dbg.contains("postgres://"));
    }
}
