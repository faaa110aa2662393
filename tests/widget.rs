//! The widget archive, checked by an independent reader (Python's zipfile).

use std::process::Command;

use amo_mobile_card::i18n::Lang;
use amo_mobile_card::server::widget::{archive, WidgetSpec, LOGOS, WIDGET_VERSION};

#[test]
fn archive_is_valid_for_amocrm() {
    let dir = std::env::temp_dir().join(format!("amc-widget-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join("widget.zip");
    let spec = WidgetSpec::new(
        "https://card.example.com/",
        "#1769C2",
        "help@card-vendor.io",
    )
    .unwrap();
    std::fs::write(&zip, archive(&spec).unwrap()).unwrap();
    let langs: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();

    let check = r##"
import json, struct, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, "corrupt entry"
names = set(z.namelist())
m = json.loads(z.read("manifest.json"))
w = m["widget"]
for key in ["name", "description", "short_description", "version", "interface_version", "locale", "installation"]:
    assert key in w, key
assert w["version"] == sys.argv[2], w["version"]
assert w["interface_version"] == 2
langs = sys.argv[3].split(",")
assert w["locale"] == langs == ["ru", "en", "es", "pt", "tr", "id"], w["locale"]
assert w["support"] == {"email": "help@card-vendor.io"}, w["support"]
assert "mobile_card" in m["locations"]
assert m["mobile"] == {"frame_url": "https://card.example.com/", "color": "#1769c2"}, m["mobile"]
i18n = sorted(n for n in names if n.startswith("i18n/"))
assert i18n == sorted(f"i18n/{l}.json" for l in langs), i18n
names_by_lang = set()
for lang in langs:
    t = json.loads(z.read(f"i18n/{lang}.json"))
    for key in ["name", "description", "short_description"]:
        assert t["widget"][key], (lang, key)
    names_by_lang.add(t["widget"]["name"])
assert len(names_by_lang) == 6, names_by_lang
assert "script.js" in names
for spec in sys.argv[4:]:
    name, w_, h_ = spec.split(":")
    data = z.read(f"images/{name}.png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n", name
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (int(w_), int(h_)), (name, width, height)
    assert len(data) < 300 * 1024, (name, len(data))
print("ok")
"##;
    let specs: Vec<String> = LOGOS
        .iter()
        .map(|(n, w, h)| format!("{n}:{w}:{h}"))
        .collect();
    let out = Command::new("python3")
        .arg("-c")
        .arg(check)
        .arg(&zip)
        .arg(WIDGET_VERSION)
        .arg(langs.join(","))
        .args(&specs)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
}

#[test]
fn the_command_refuses_bad_input_with_one_clear_line() {
    let bin = env!("CARGO_BIN_EXE_amo-mobile-card");
    let dir = std::env::temp_dir();
    let out = dir.join(format!("amc-bad-{}.zip", std::process::id()));
    let out = out.to_str().unwrap();
    let base = |extra: &[&'static str]| {
        let mut args = vec!["widget", "--out", out, "--frame-url", "https://ok.example/"];
        args.extend_from_slice(extra);
        args
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "widget",
                "--out",
                out,
                "--frame-url",
                "http://insecure.example/",
                "--support-email",
                "help@vendor.io",
            ],
            "https",
        ),
        (
            base(&["--support-email", "help@vendor.io", "--color", "yellow"]),
            "#rrggbb",
        ),
        (base(&[]), "--support-email"),
        (
            base(&["--support-email", "support@example.com"]),
            "placeholder",
        ),
        (
            base(&["--support-email", "support@example.org"]),
            "placeholder",
        ),
        (
            base(&["--support-email", "not-an-address"]),
            "not an e-mail",
        ),
        (
            base(&["--support-email", "help@vendor.io", "--color", "#ffff00"]),
            "1.07:1",
        ),
        (
            vec![
                "widget",
                "--frame-url",
                "https://ok.example/",
                "--support-email",
                "help@vendor.io",
            ],
            "--out",
        ),
    ];
    for (args, says) in cases {
        let res = Command::new(bin)
            .args(&args)
            .env_remove("AMO_REDIRECT_URI")
            .output()
            .unwrap();
        assert_eq!(res.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&res.stderr);
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "one line for {args:?}: {stderr}"
        );
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(
            !std::path::Path::new(out).exists(),
            "nothing written for {args:?}"
        );
    }
    // A colour white reads poorly on is written, with a warning naming the ratio.
    let res = Command::new(bin)
        .args(base(&[
            "--support-email",
            "help@vendor.io",
            "--color",
            "#1b7bdc",
        ]))
        .output()
        .unwrap();
    assert!(res.status.success());
    assert!(String::from_utf8_lossy(&res.stderr)
        .contains("warning: white title text on #1b7bdc has a contrast of 4.27:1"));
    assert!(std::path::Path::new(out).exists());
    let _ = std::fs::remove_file(out);
    let res = Command::new(bin)
        .args(base(&["--support-email", "help@vendor.io"]))
        .output()
        .unwrap();
    assert!(res.status.success());
    assert!(
        res.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert!(std::path::Path::new(out).exists());
    let _ = std::fs::remove_file(out);
}
