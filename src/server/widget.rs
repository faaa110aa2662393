//! `amo-mobile-card widget --out widget.zip --support-email …`: the archive
//! uploaded in the integration's settings. Manifest version = crate version, so
//! a change of the card's look ships only with a new widget version (amoCRM's
//! moderation rule). Moderation also wants a real support address, and the app
//! draws the block's title in white on `mobile.color`, so both are checked.

use std::io::Write;

use serde_json::json;

use crate::i18n::Lang;
use url::Url;

pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// `mobile.color` when none is given: white on it is 5.5:1.
pub const DEFAULT_COLOR: &str = "#1769c2";

/// Under this contrast with white the title is refused (WCAG's floor for large text).
pub const MIN_CONTRAST: f64 = 3.0;
/// Under this the archive is written with a warning (WCAG AA for body text).
pub const GOOD_CONTRAST: f64 = 4.5;

/// Logos amoCRM asks for: name, width, height.
pub const LOGOS: [(&str, u32, u32); 5] = [
    ("logo_main", 400, 272),
    ("logo_small", 108, 108),
    ("logo_medium", 240, 84),
    ("logo_min", 84, 84),
    ("logo", 130, 100),
];

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WidgetError {
    #[error("frame URL must be an absolute https URL (amoCRM opens it in the app), got {0:?}")]
    FrameUrl(String),
    #[error("colour must be #rrggbb, got {0:?}")]
    Color(String),
    #[error("white title text on {color} has a contrast of {ratio:.2}:1; amoCRM draws the card's title in white on this colour, so it needs at least 3:1 (WCAG; 4.5:1 is better)")]
    LowContrast { color: String, ratio: f64 },
    #[error("a support e-mail address is required (--support-email): amoCRM's moderation shows it to users")]
    SupportMissing,
    #[error("support address {0:?} is not an e-mail address")]
    SupportInvalid(String),
    #[error("support address {0:?} is a placeholder: example.com, example.org and example.net reach nobody; give the address users should write to")]
    SupportPlaceholder(String),
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

/// WCAG's relative luminance of an sRGB colour.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of white text on `rgb`, from 1 (white) to 21 (black).
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    1.05 / (luminance(rgb) + 0.05)
}

/// The title colour: refused under 3:1 with white, a warning under 4.5:1.
pub fn check_color(raw: &str) -> Result<Option<String>, WidgetError> {
    let ratio = contrast_with_white(parse_color(raw)?);
    let color = raw.to_ascii_lowercase();
    if ratio < MIN_CONTRAST {
        return Err(WidgetError::LowContrast { color, ratio });
    }
    Ok((ratio < GOOD_CONTRAST).then(|| {
        format!("white title text on {color} has a contrast of {ratio:.2}:1, under the 4.5:1 WCAG asks for text; a darker colour reads better")
    }))
}

/// The support e-mail address: required, plausible, and not a placeholder.
pub fn validate_support(raw: &str) -> Result<String, WidgetError> {
    let email = raw.trim();
    if email.is_empty() {
        return Err(WidgetError::SupportMissing);
    }
    let domain = match email.rsplit_once('@') {
        Some((user, domain))
            if !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && email.len() <= 254 =>
        {
            domain.to_ascii_lowercase()
        }
        _ => return Err(WidgetError::SupportInvalid(email.to_owned())),
    };
    // RFC 2606's example domains, and anything under them.
    let placeholder = ["example.com", "example.org", "example.net"]
        .iter()
        .any(|p| domain == *p || domain.ends_with(&format!(".{p}")));
    if placeholder {
        return Err(WidgetError::SupportPlaceholder(email.to_owned()));
    }
    Ok(email.to_owned())
}

pub fn validate_frame_url(raw: &str) -> Result<Url, WidgetError> {
    match Url::parse(raw.trim()) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some() => Ok(u),
        _ => Err(WidgetError::FrameUrl(raw.to_owned())),
    }
}

/// What the archive is made of; build it with [`WidgetSpec::new`], which checks each part.
#[derive(Clone, Debug)]
pub struct WidgetSpec {
    pub frame_url: Url,
    pub color: String,
    pub support_email: String,
    /// Said about the colour when it passes but reads poorly.
    pub warning: Option<String>,
}

impl WidgetSpec {
    pub fn new(frame_url: &str, color: &str, support_email: &str) -> Result<Self, WidgetError> {
        let frame_url = validate_frame_url(frame_url)?;
        let warning = check_color(color)?;
        let support_email = validate_support(support_email)?;
        Ok(Self {
            frame_url,
            color: color.to_ascii_lowercase(),
            support_email,
            warning,
        })
    }
}

/// All files of the archive, in order.
pub fn files(spec: &WidgetSpec) -> Result<Vec<(String, Vec<u8>)>, WidgetError> {
    let (frame_url, color) = (&spec.frame_url, spec.color.as_str());
    let rgb = parse_color(color)?;
    let manifest = json!({
        "widget": {
            "name": "widget.name",
            "description": "widget.description",
            "short_description": "widget.short_description",
            "version": WIDGET_VERSION,
            "interface_version": 2,
            "init_once": false,
            "locale": Lang::ALL.map(Lang::code),
            "installation": true,
            "support": {"email": spec.support_email}
        },
        "locations": ["mobile_card", "settings"],
        "settings": {},
        "mobile": {"frame_url": frame_url.as_str(), "color": color.to_ascii_lowercase()}
    });
    let i18n = |lang: Lang| {
        let t = lang.widget();
        json!({"widget": {"name": t.name, "description": t.description, "short_description": t.short_description}})
    };
    let pretty = |v: &serde_json::Value| serde_json::to_vec_pretty(v).unwrap_or_default();
    let mut out = vec![("manifest.json".to_owned(), pretty(&manifest))];
    for lang in Lang::ALL {
        out.push((format!("i18n/{}.json", lang.code()), pretty(&i18n(lang))));
    }
    out.push(("script.js".to_owned(), SCRIPT.as_bytes().to_vec()));
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

pub fn archive(spec: &WidgetSpec) -> Result<Vec<u8>, WidgetError> {
    zip_stored(&files(spec)?)
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

    fn spec(color: &str) -> WidgetSpec {
        WidgetSpec::new("https://card.example.com/", color, "help@card-vendor.io").unwrap()
    }

    #[test]
    fn the_archive_is_reproducible() {
        assert_eq!(
            archive(&spec("#1769c2")).unwrap(),
            archive(&spec("#1769c2")).unwrap()
        );
    }

    #[test]
    fn the_archive_speaks_six_languages() {
        let files = files(&spec(DEFAULT_COLOR)).unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
        assert_eq!(
            manifest["widget"]["locale"],
            json!(["ru", "en", "es", "pt", "tr", "id"])
        );
        assert_eq!(
            manifest["widget"]["support"]["email"],
            "help@card-vendor.io"
        );
        for lang in Lang::ALL {
            let name = format!("i18n/{}.json", lang.code());
            let (_, body) = files.iter().find(|(n, _)| *n == name).expect(&name);
            let texts: serde_json::Value = serde_json::from_slice(body).unwrap();
            assert_eq!(texts["widget"]["name"], lang.widget().name, "{name}");
        }
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

    #[test]
    fn the_title_colour_must_hold_white_text() {
        // White on yellow is 1.07:1: refused, naming the ratio.
        let err = check_color("#ffff00").unwrap_err();
        assert!(err.to_string().contains("1.07:1"), "{err}");
        assert_eq!(format!("{:.2}", contrast_with_white([0, 0, 0])), "21.00");
        assert_eq!(
            format!("{:.2}", contrast_with_white([255, 255, 255])),
            "1.00"
        );
        // #1b7bdc passes with a warning (4.27:1); the default is fine.
        let warning = check_color("#1b7bdc").unwrap().expect("a warning");
        assert!(warning.contains("4.27:1"), "{warning}");
        assert_eq!(check_color(DEFAULT_COLOR).unwrap(), None);
        // #959595 is just under 3:1.
        assert!(check_color("#959595").is_err());
    }

    #[test]
    fn the_support_address_is_real() {
        assert_eq!(
            validate_support(" help@vendor.io ").unwrap(),
            "help@vendor.io"
        );
        assert_eq!(validate_support(""), Err(WidgetError::SupportMissing));
        for placeholder in ["support@example.com", "a@EXAMPLE.org", "b@mail.example.net"] {
            assert!(
                matches!(
                    validate_support(placeholder),
                    Err(WidgetError::SupportPlaceholder(_))
                ),
                "{placeholder}"
            );
        }
        for bad in [
            "help",
            "@vendor.io",
            "help@vendor",
            "a b@vendor.io",
            "help@.io",
        ] {
            assert!(
                matches!(validate_support(bad), Err(WidgetError::SupportInvalid(_))),
                "{bad}"
            );
        }
        // An address at a domain that merely contains "example" is fine.
        assert!(validate_support("help@myexample.com").is_ok());
    }
}
