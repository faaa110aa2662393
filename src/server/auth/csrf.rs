//! The CSRF value as pages carry it: masked with a fresh random pad for every
//! render, so that a compressed card (see `compress.rs`) never repeats the same
//! secret bytes next to text an attacker may control (BREACH). The session
//! keeps the plain value; a server function unmasks what the form sent.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use subtle::ConstantTimeEq;

/// `base64url(pad || pad XOR value)` with a fresh pad.
pub fn mask(value: &str) -> String {
    let plain = value.as_bytes();
    let pad: Vec<u8> = (0..plain.len()).map(|_| rand::random::<u8>()).collect();
    let mut out = pad.clone();
    out.extend(plain.iter().zip(&pad).map(|(p, k)| p ^ k));
    URL_SAFE_NO_PAD.encode(out)
}

/// Whether `sent` is `expected` under some pad (constant time in the value).
pub fn matches(sent: &str, expected: &str) -> bool {
    let Ok(raw) = URL_SAFE_NO_PAD.decode(sent.trim()) else {
        return false;
    };
    if raw.len() != expected.len() * 2 || expected.is_empty() {
        return false;
    }
    let (pad, masked) = raw.split_at(expected.len());
    let plain: Vec<u8> = masked.iter().zip(pad).map(|(m, k)| m ^ k).collect();
    plain.ct_eq(expected.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mask_differs_and_each_unmasks() {
        let secret = "abcDEF123_-xyzabcDEF123_";
        let (a, b) = (mask(secret), mask(secret));
        assert_ne!(a, b, "a fresh pad per render");
        assert!(!a.contains(secret));
        assert!(matches(&a, secret) && matches(&b, secret));
    }

    #[test]
    fn anything_else_is_refused() {
        let secret = "abcDEF123_-xyzabcDEF123_";
        let masked = mask(secret);
        assert!(
            !matches(secret, secret),
            "the plain value is never accepted"
        );
        assert!(!matches(&mask("abcDEF123_-xyzabcDEF123X"), secret));
        assert!(!matches(&masked[..masked.len() - 4], secret));
        assert!(!matches("", secret));
        assert!(!matches("%%%", secret));
        assert!(!matches(&mask(""), ""));
    }
}
