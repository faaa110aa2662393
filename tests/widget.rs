//! The widget archive, checked by an independent reader (Python's zipfile).

use std::process::Command;

use amo_mobile_card::server::widget::{archive, validate_frame_url, LOGOS, WIDGET_VERSION};

#[test]
fn archive_is_valid_for_amocrm() {
    let dir = std::env::temp_dir().join(format!("amc-widget-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join("widget.zip");
    let frame = validate_frame_url("https://card.example.com/").unwrap();
    std::fs::write(&zip, archive(&frame, "#FFFF00").unwrap()).unwrap();

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
assert w["locale"] == ["ru", "en"]
assert "mobile_card" in m["locations"]
assert m["mobile"] == {"frame_url": "https://card.example.com/", "color": "#ffff00"}, m["mobile"]
for lang in ["ru", "en"]:
    t = json.loads(z.read(f"i18n/{lang}.json"))
    for key in ["name", "description", "short_description"]:
        assert t["widget"][key], (lang, key)
assert "script.js" in names
for spec in sys.argv[3:]:
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
fn the_command_refuses_bad_input() {
    let bin = env!("CARGO_BIN_EXE_amo-mobile-card");
    let dir = std::env::temp_dir();
    let out = dir.join(format!("amc-bad-{}.zip", std::process::id()));
    for args in [
        vec![
            "widget",
            "--out",
            out.to_str().unwrap(),
            "--frame-url",
            "http://insecure.example/",
        ],
        vec![
            "widget",
            "--out",
            out.to_str().unwrap(),
            "--frame-url",
            "https://ok.example/",
            "--color",
            "yellow",
        ],
        vec!["widget", "--frame-url", "https://ok.example/"],
    ] {
        let res = Command::new(bin)
            .args(&args)
            .env_remove("AMO_REDIRECT_URI")
            .output()
            .unwrap();
        assert_eq!(res.status.code(), Some(2), "{args:?}");
        assert!(!out.exists(), "nothing written for {args:?}");
    }
    let res = Command::new(bin)
        .args([
            "widget",
            "--out",
            out.to_str().unwrap(),
            "--frame-url",
            "https://ok.example/",
        ])
        .output()
        .unwrap();
    assert!(res.status.success());
    assert!(out.exists());
    let _ = std::fs::remove_file(out);
}
