//! `amo-mobile-card widget --out widget.zip`: the archive uploaded in the
//! integration's settings. Manifest version = crate version, so a change of the
//! card's look ships only with a new widget version (amoCRM's moderation rule).
//!
//! The ZIP (stored entries) and PNG (1-bit palette) writers are a few dozen
//! lines each; they keep a compression crate out of the server's dependencies.

use serde_json::json;
use url::Url;

pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Logos amoCRM asks for: name, width, height.
pub const LOGOS: [(&str, u32, u32); 5] = [
    ("logo_main", 400, 272),
    ("logo_small", 108, 108),
    ("logo_medium", 240, 84),
    ("logo_min", 84, 84),
    ("logo", 130, 100),
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WidgetError {
    #[error("frame URL must be an absolute https URL (amoCRM opens it in the app), got {0:?}")]
    FrameUrl(String),
    #[error("colour must be #rrggbb, got {0:?}")]
    Color(String),
}

/// Validates `#rrggbb` and returns the RGB bytes.
pub fn parse_color(raw: &str) -> Result<[u8; 3], WidgetError> {
    let hex = raw.strip_prefix('#').unwrap_or_default();
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(WidgetError::Color(raw.to_owned()));
    }
    let byte = |i: usize| {
        u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| WidgetError::Color(raw.to_owned()))
    };
    Ok([byte(0)?, byte(2)?, byte(4)?])
}

pub fn validate_frame_url(raw: &str) -> Result<Url, WidgetError> {
    match Url::parse(raw.trim()) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some() => Ok(u),
        _ => Err(WidgetError::FrameUrl(raw.to_owned())),
    }
}

/// All files of the archive, in order.
pub fn files(frame_url: &Url, color: &str) -> Result<Vec<(String, Vec<u8>)>, WidgetError> {
    let rgb = parse_color(color)?;
    let manifest = json!({
        "widget": {
            "name": "widget.name",
            "description": "widget.description",
            "short_description": "widget.short_description",
            "version": WIDGET_VERSION,
            "interface_version": 2,
            "init_once": false,
            "locale": ["ru", "en"],
            "installation": true,
            "support": {"link": frame_url.as_str(), "email": "support@example.com"}
        },
        "locations": ["mobile_card", "settings"],
        "settings": {},
        "mobile": {"frame_url": frame_url.as_str(), "color": color.to_ascii_lowercase()}
    });
    let i18n = |name: &str, description: &str, short: &str| json!({"widget": {"name": name, "description": description, "short_description": short}});
    let ru = i18n(
        "Мобильная карточка",
        "Показывает сделку или покупателя прямо в карточке приложения amoCRM для iOS: контакты, задачи, поля и быстрые действия.",
        "Карточка сделки в приложении amoCRM",
    );
    let en = i18n(
        "Mobile card",
        "Shows the lead or customer inside the amoCRM iOS app card: contacts, tasks, fields and quick actions.",
        "The lead card in the amoCRM app",
    );
    let pretty = |v: &serde_json::Value| serde_json::to_vec_pretty(v).unwrap_or_default();
    let mut out = vec![
        ("manifest.json".to_owned(), pretty(&manifest)),
        ("i18n/ru.json".to_owned(), pretty(&ru)),
        ("i18n/en.json".to_owned(), pretty(&en)),
        ("script.js".to_owned(), SCRIPT.as_bytes().to_vec()),
    ];
    for (name, w, h) in LOGOS {
        out.push((format!("images/{name}.png"), logo_png(w, h, rgb)));
    }
    Ok(out)
}

/// The widget does its work in the mobile app's frame; on the web it only has to load.
const SCRIPT: &str = "define(['jquery'], function ($) {
  var CustomWidget = function () {
    this.callbacks = {
      render: function () { return true; },
      init: function () { return true; },
      bind_actions: function () { return true; },
      settings: function () { return true; },
      onSave: function () { return true; },
      destroy: function () {}
    };
    return this;
  };
  return CustomWidget;
});
";

pub fn archive(frame_url: &Url, color: &str) -> Result<Vec<u8>, WidgetError> {
    Ok(zip_stored(&files(frame_url, color)?))
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A ZIP with stored (uncompressed) entries: every unzip reads it.
fn zip_stored(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let header = |sig: u32, central_entry: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central_entry {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u16.to_le_bytes()); // time
            h.extend_from_slice(&0x5B21u16.to_le_bytes()); // date: 2025-09-01
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central_entry {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attrs
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend(central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A logo: the manifest colour with three white "card rows", as a 1-bit palette PNG.
fn logo_png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    let row_bytes = w.div_ceil(8) as usize;
    let mut raw = Vec::with_capacity((row_bytes + 1) * h as usize);
    for y in 0..h {
        raw.push(0); // filter: none
        let mut row = vec![0u8; row_bytes];
        for x in 0..w {
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let bar = [(0.30, 0.80), (0.46, 0.80), (0.62, 0.60)]
                .iter()
                .any(|(top, right)| fy >= *top && fy < top + 0.08 && (0.22..*right).contains(&fx));
            if bar {
                row[(x / 8) as usize] |= 0x80 >> (x % 8);
            }
        }
        raw.extend(row);
    }
    // zlib stream of stored deflate blocks.
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, c) in chunks.iter().enumerate() {
        z.push(u8::from(i + 1 == chunks.len()));
        z.extend_from_slice(&(c.len() as u16).to_le_bytes());
        z.extend_from_slice(&(!(c.len() as u16)).to_le_bytes());
        z.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[1, 3, 0, 0, 0]); // 1 bit, palette
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"PLTE", &[rgb[0], rgb[1], rgb[2], 255, 255, 255]);
    png_chunk(&mut out, b"IDAT", &z);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_reference_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn inputs_are_validated() {
        assert!(parse_color("#ffff00").is_ok());
        for bad in ["ffff00", "#fff", "#gggggg", "red", ""] {
            assert!(parse_color(bad).is_err(), "{bad}");
        }
        assert!(validate_frame_url("https://card.example.com/").is_ok());
        for bad in [
            "http://card.example.com/",
            "/relative",
            "javascript:alert(1)",
        ] {
            assert!(validate_frame_url(bad).is_err(), "{bad}");
        }
    }
}
