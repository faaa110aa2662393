//! An amoCRM or Kommo account host (`example.amocrm.ru`): the one place that
//! decides which names may receive the integration secret (the install
//! callback's `referer`) or sign a card token (its `iss`).
//!
//! A name passes only when it is one account label under an allowed domain,
//! and the label is not one of the brands' own service names: `www.amocrm.ru`,
//! `developers.kommo.com` or `status.amocrm.com` are served by third parties or
//! by amoCRM's web site, not by an account, and must never be sent the secret.

use std::fmt;

pub use crate::server::base::config::ACCOUNT_DOMAINS;

/// Labels under the account domains that are the brands' own services (web
/// site, docs, support, mail, CDNs, status pages, the marketplace), not accounts.
/// Kept generous: refusing a real account named `blog` costs one support e-mail;
/// sending the secret to a documentation host costs every installed account.
pub const SERVICE_LABELS: &[&str] = &[
    "academy",
    "account",
    "accounts",
    "admin",
    "ads",
    "api",
    "apps",
    "assets",
    "auth",
    "billing",
    "blog",
    "cdn",
    "chat",
    "community",
    "crm",
    "dev",
    "developer",
    "developers",
    "docs",
    "download",
    "email",
    "files",
    "forum",
    "ftp",
    "help",
    "id",
    "images",
    "img",
    "imap",
    "login",
    "m",
    "mail",
    "market",
    "marketplace",
    "media",
    "mobile",
    "news",
    "ns1",
    "ns2",
    "oauth",
    "partner",
    "partners",
    "pay",
    "pop",
    "shop",
    "smtp",
    "sso",
    "stage",
    "staging",
    "static",
    "status",
    "store",
    "support",
    "upload",
    "web",
    "webmail",
    "wiki",
    "www",
    "www2",
];

/// A validated account host: lower case, `label.domain`, no scheme, no port.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AccountHost(String);

/// Why a name is not an account host (for logs and tests; users see one text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostError {
    /// Not `label.domain` with a label of letters, digits and inner hyphens.
    Syntax,
    /// The domain is not one of the allowed account domains.
    Domain,
    /// The label names one of the brand's own services, not an account.
    ServiceLabel,
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HostError::Syntax => "not an account host name",
            HostError::Domain => "not under an allowed account domain",
            HostError::ServiceLabel => "a service name of amoCRM, not an account",
        })
    }
}

impl AccountHost {
    /// Parses `example.amocrm.ru`, also written `https://example.amocrm.ru/`.
    pub fn parse(raw: &str, allowed_domains: &[String]) -> Result<Self, HostError> {
        let trimmed = raw.trim();
        let bare = trimmed.strip_prefix("https://").unwrap_or(trimmed);
        let host = bare.strip_suffix('/').unwrap_or(bare).to_ascii_lowercase();
        let (label, domain) = host.split_once('.').ok_or(HostError::Syntax)?;
        if !is_account_label(label) {
            return Err(HostError::Syntax);
        }
        if !allowed_domains.iter().any(|d| d == domain) {
            return Err(HostError::Domain);
        }
        if SERVICE_LABELS.contains(&label) {
            return Err(HostError::ServiceLabel);
        }
        Ok(Self(host))
    }

    /// Parses a card token's `iss`, which amoCRM always writes as `https://{host}`.
    pub fn from_issuer(iss: &str, allowed_domains: &[String]) -> Result<Self, HostError> {
        let rest = iss.strip_prefix("https://").ok_or(HostError::Syntax)?;
        Self::parse(rest, allowed_domains)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The account's subdomain, e.g. `example`.
    pub fn label(&self) -> &str {
        self.0.split_once('.').map_or("", |(label, _)| label)
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for AccountHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One DNS label as amoCRM hands out subdomains: 1 to 63 ASCII letters, digits
/// and hyphens, no hyphen at either end, and no `xx--` prefix (punycode and
/// other reserved forms: amoCRM subdomains are plain Latin).
fn is_account_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.get(2..4) != Some("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<String> {
        ACCOUNT_DOMAINS.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn account_hosts_pass_in_every_written_form() {
        for (raw, want) in [
            ("example.amocrm.ru", "example.amocrm.ru"),
            ("https://Example.amocrm.ru/", "example.amocrm.ru"),
            (" shop-42.kommo.com ", "shop-42.kommo.com"),
            ("12345.amocrm.com", "12345.amocrm.com"),
            ("demo-nocustomers.amocrm.ru", "demo-nocustomers.amocrm.ru"),
        ] {
            let host = AccountHost::parse(raw, &all()).unwrap();
            assert_eq!(host.as_str(), want, "{raw}");
        }
        assert_eq!(
            AccountHost::parse("example.amocrm.ru", &all())
                .unwrap()
                .label(),
            "example"
        );
    }

    #[test]
    fn names_that_are_not_account_hosts_are_refused_with_their_reason() {
        use HostError::*;
        for (raw, want) in [
            ("", Syntax),
            ("amocrm.ru", Domain),
            (".amocrm.ru", Syntax),
            ("-x.amocrm.ru", Syntax),
            ("x-.amocrm.ru", Syntax),
            ("xn--80ak6aa92e.amocrm.ru", Syntax),
            ("a_b.amocrm.ru", Syntax),
            ("a/b.amocrm.ru", Syntax),
            ("a b.amocrm.ru", Syntax),
            ("x.amocrm.ru:8443", Domain),
            ("x.amocrm.ru.", Domain),
            ("http://x.amocrm.ru", Syntax),
            ("https://x.amocrm.ru/path", Domain),
            (&format!("{}.amocrm.ru", "a".repeat(64)), Syntax),
            ("a.b.amocrm.ru", Domain),
            ("example.amocrm.ru.evil.com", Domain),
            ("evil.com", Domain),
            ("x.amocrm.de", Domain),
            ("www.amocrm.ru", ServiceLabel),
            ("developers.kommo.com", ServiceLabel),
            ("status.amocrm.com", ServiceLabel),
            ("help.amocrm.ru", ServiceLabel),
            ("api.kommo.com", ServiceLabel),
            ("id.amocrm.ru", ServiceLabel),
            ("market.amocrm.ru", ServiceLabel),
            ("blog.kommo.com", ServiceLabel),
        ] {
            assert_eq!(AccountHost::parse(raw, &all()), Err(want), "{raw:?}");
        }
    }

    #[test]
    fn a_narrowed_domain_list_refuses_the_others() {
        let ru = vec!["amocrm.ru".to_owned()];
        assert!(AccountHost::parse("x.amocrm.ru", &ru).is_ok());
        assert_eq!(
            AccountHost::parse("x.kommo.com", &ru),
            Err(HostError::Domain)
        );
    }

    #[test]
    fn issuers_need_https() {
        assert!(AccountHost::from_issuer("https://x.amocrm.ru", &all()).is_ok());
        assert!(AccountHost::from_issuer("http://x.amocrm.ru", &all()).is_err());
        assert!(AccountHost::from_issuer("x.amocrm.ru", &all()).is_err());
    }

    #[test]
    fn service_labels_are_valid_labels_so_the_list_is_not_dead() {
        for label in SERVICE_LABELS {
            assert!(is_account_label(label), "{label}");
        }
    }
}
