//! `amo-mobile-card widget --out widget.zip`: the archive uploaded in the
//! integration's settings. Manifest version = crate version, so a change of the
//! card's look ships only with a new widget version (amoCRM's moderation rule).
//!
use std::io::Write;

use serde_json::json;

use crate::i18n::Lang;
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
    #[error("could not write the archive: {0}")]
    Write(String),
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
    let i18n = |lang: Lang| {
        let t = lang.widget();
        json!({"widget": {"name": t.name, "description": t.description, "short_description": t.short_description}})
    };
    let (ru, en) = (i18n(Lang::Ru), i18n(Lang::En));
    let pretty = |v: &serde_json::Value| serde_json::to_vec_pretty(v).unwrap_or_default();
    let mut out = vec![
        ("manifest.json".to_owned(), pretty(&manifest)),
        ("i18n/ru.json".to_owned(), pretty(&ru)),
        ("i18n/en.json".to_owned(), pretty(&en)),
        ("script.js".to_owned(), SCRIPT.as_bytes().to_vec()),
    ];
    for (name, w, h) in LOGOS {
        out.push((format!("images/{name}.png"), logo_png(w, h, rgb)?));
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
    zip_stored(&files(frame_url, color)?)
}

/// Stored (uncompressed) entries with a fixed date: every unzip reads it, and the
/// same inputs give the same bytes.
fn zip_stored(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, WidgetError> {
    let date = zip::DateTime::from_date_and_time(2025, 9, 1, 0, 0, 0)
        .map_err(|e| WidgetError::Write(e.to_string()))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(date);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(data).map_err(Into::into))
            .map_err(|e| WidgetError::Write(e.to_string()))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| WidgetError::Write(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// A logo: the manifest colour with three white "card rows", as a 1-bit palette PNG.
fn logo_png(w: u32, h: u32, rgb: [u8; 3]) -> Result<Vec<u8>, WidgetError> {
    let row_bytes = w.div_ceil(8) as usize;
    let mut pixels = vec![0u8; row_bytes * h as usize];
    for y in 0..h {
        let row = &mut pixels[y as usize * row_bytes..][..row_bytes];
        for x in 0..w {
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let bar = [(0.30, 0.80), (0.46, 0.80), (0.62, 0.60)]
                .iter()
                .any(|(top, right)| fy >= *top && fy < top + 0.08 && (0.22..*right).contains(&fx));
            if bar {
                row[(x / 8) as usize] |= 0x80 >> (x % 8);
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_palette(vec![rgb[0], rgb[1], rgb[2], 255, 255, 255]);
    encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&pixels))
        .map_err(|e| WidgetError::Write(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_is_reproducible() {
        let frame = validate_frame_url("https://card.example.com/").unwrap();
        assert_eq!(
            archive(&frame, "#ffff00").unwrap(),
            archive(&frame, "#ffff00").unwrap()
        );
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
