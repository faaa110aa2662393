//! OAuth tokens at rest: XChaCha20-Poly1305, random 192-bit nonce per value,
//! bound to the account and the column through associated data so a ciphertext
//! cannot be moved to another row or field.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::server::base::config::EncryptionKey;

#[derive(Clone)]
pub struct TokenCipher {
    key: EncryptionKey,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CipherError {
    #[error("stored with key {0}, which is not configured")]
    UnknownKey(String),
    #[error("ciphertext does not authenticate")]
    Corrupt,
}

impl TokenCipher {
    pub fn new(key: EncryptionKey) -> Self {
        Self { key }
    }

    pub fn key_id(&self) -> &str {
        &self.key.id
    }

    fn aad(account_id: i64, field: &str, key_id: &str) -> Vec<u8> {
        format!("amo-mobile-card:v1:{account_id}:{field}:{key_id}").into_bytes()
    }

    pub fn encrypt(&self, account_id: i64, field: &str, plaintext: &str) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new((&self.key.bytes).into());
        let nonce_bytes: [u8; 24] = rand::random();
        let nonce = XNonce::from_slice(&nonce_bytes);
        let aad = Self::aad(account_id, field, &self.key.id);
        // Encryption with a valid key and nonce only fails for absurd lengths.
        let ct = cipher
            .encrypt(
                nonce,
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: &aad,
                },
            )
            .unwrap_or_default();
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&ct);
        out
    }

    pub fn decrypt(
        &self,
        account_id: i64,
        field: &str,
        key_id: &str,
        blob: &[u8],
    ) -> Result<String, CipherError> {
        if key_id != self.key.id {
            return Err(CipherError::UnknownKey(key_id.to_owned()));
        }
        if blob.len() < 24 + 16 {
            return Err(CipherError::Corrupt);
        }
        let (nonce, ct) = blob.split_at(24);
        let cipher = XChaCha20Poly1305::new((&self.key.bytes).into());
        let aad = Self::aad(account_id, field, key_id);
        let pt = cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
            .map_err(|_| CipherError::Corrupt)?;
        String::from_utf8(pt).map_err(|_| CipherError::Corrupt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cipher() -> TokenCipher {
        TokenCipher::new(
            EncryptionKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap(),
        )
    }

    #[test]
    fn round_trip_and_binding() {
        let c = cipher();
        let blob = c.encrypt(7, "access", "secret-token");
        assert!(!blob.windows(12).any(|w| w == b"secret-token"));
        assert_eq!(
            c.decrypt(7, "access", c.key_id(), &blob).unwrap(),
            "secret-token"
        );
        // Moved to another account or column: refused.
        assert_eq!(
            c.decrypt(8, "access", c.key_id(), &blob),
            Err(CipherError::Corrupt)
        );
        assert_eq!(
            c.decrypt(7, "refresh", c.key_id(), &blob),
            Err(CipherError::Corrupt)
        );
        assert!(matches!(
            c.decrypt(7, "access", "other", &blob),
            Err(CipherError::UnknownKey(_))
        ));
        // Two encryptions of one value differ (random nonce).
        assert_ne!(blob, c.encrypt(7, "access", "secret-token"));
    }
}
