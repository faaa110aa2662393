//! Every text in all six languages: present, with the same placeholders, in
//! the right script, and not left in English. The compiler already refuses a
//! struct key without a language and a `match` without a `(lang, variant)`.

use super::*;
use crate::model::BlockedState;

/// Texts another language writes as English does: an abbreviation, a
/// loanword Kommo itself uses ("lead"), or a word both have (Spanish "No").
const SAME_AS_ENGLISH: [&str; 4] = ["LTV", "Demo", "lead", "No"];

/// Words that mark a text left in English (whole words, any case). Words that
/// are also words of another language are left out ("no", Turkish "not").
const ENGLISH_WORDS: [&str; 16] = [
    "the", "and", "your", "you", "this", "with", "could", "was", "again", "please", "save",
    "cancel", "open", "task", "note", "call",
];

fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

fn cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

/// The English words a text contains.
pub fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic() && c != '\'')
        .map(str::to_lowercase)
        .filter(|w| ENGLISH_WORDS.contains(&w.as_str()))
        .collect()
}

/// One text in [`Lang::ALL`] order.
fn check(at: &str, texts: [&str; 6]) {
    let en = texts[1];
    for (lang, text) in Lang::ALL.into_iter().zip(texts) {
        assert!(!text.trim().is_empty(), "{at}.{lang:?}: empty");
        assert_eq!(
            placeholders(text),
            placeholders(en),
            "{at}.{lang:?}: placeholders differ from English"
        );
        let shared = SAME_AS_ENGLISH.contains(&text);
        match lang {
            Lang::Ru => assert!(
                shared || cyrillic(text),
                "{at}: the Russian text is not Russian"
            ),
            _ => assert!(!cyrillic(text), "{at}.{lang:?}: Russian in it"),
        }
        if !matches!(lang, Lang::En | Lang::Ru) {
            assert!(shared || text != en, "{at}.{lang:?}: left in English");
            assert_eq!(
                english_words(text),
                Vec::<String>::new(),
                "{at}.{lang:?}: English words"
            );
        }
    }
}

#[test]
fn every_key_exists_in_every_language() {
    // The catalog lists every key in the same order in each language.
    let all: Vec<Vec<(String, &str)>> = Lang::ALL.into_iter().map(catalog).collect();
    for (i, (key, _)) in all[0].iter().enumerate() {
        let texts: Vec<&str> = all
            .iter()
            .map(|texts| {
                assert_eq!(&texts[i].0, key, "catalog order differs");
                texts[i].1
            })
            .collect();
        check(key, texts.try_into().expect("six languages"));
    }
    // Texts that take a count: every language, counts that pick each form.
    for n in [1, 2, 5] {
        let texts: Vec<String> = Lang::ALL.iter().map(|l| l.contacts_withheld(n)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        check(
            &format!("contacts_withheld.{n}"),
            texts.try_into().expect("six"),
        );
    }
}

#[test]
fn every_blocked_state_has_distinct_texts() {
    for lang in Lang::ALL {
        let titles: std::collections::HashSet<_> = BlockedState::ALL
            .iter()
            .map(|s| lang.blocked(*s).0)
            .collect();
        assert_eq!(titles.len(), BlockedState::ALL.len(), "{lang:?}");
    }
}

#[test]
fn the_english_word_check_catches_english() {
    assert_eq!(
        english_words("Could not save the note"),
        ["could", "save", "the", "note"]
    );
    assert!(english_words("No se pudo guardar la nota").is_empty());
    assert!(english_words("Not eklendi").is_empty());
}

#[test]
fn call_durations_in_each_language() {
    let long: Vec<String> = Lang::ALL.iter().map(|l| l.duration(312)).collect();
    assert_eq!(
        long,
        [
            "5 мин 12 с",
            "5 min 12 s",
            "5 min 12 s",
            "5 min 12 s",
            "5 dk 12 sn",
            "5 mnt 12 dtk"
        ]
    );
    assert_eq!(Lang::Tr.duration(45), "45 sn");
    assert_eq!(Lang::Id.duration(120), "2 mnt");
}

/// Files whose non-test code may hold Cyrillic literals, and why: data, not
/// sentences a user reads in the wrong language.
const CYRILLIC_ALLOWED: [(&str, &str); 2] = [
    (
        "server/card/format.rs",
        "Russian month abbreviations and currency symbols, chosen per language",
    ),
    (
        "server/amo/oauth.rs",
        "amoCRM's own Russian error titles, matched to tell a refused client",
    ),
];

/// The code before a file's `#[cfg(test)]` module (tests may say anything).
fn non_test_code(source: &str) -> &str {
    source.split("#[cfg(test)]").next().unwrap_or(source)
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A user-facing text written straight into code (as the task types' fallback
/// names once were, "Связаться / Follow-up") reaches every user in one
/// language. Outside `i18n/`, the demo's sample data and tests, no Russian.
#[test]
fn no_text_is_written_outside_the_catalog() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "the sources were found");
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .unwrap_or(&path)
            .display()
            .to_string();
        let exempt = rel.starts_with("i18n")
            || rel.starts_with("demo")
            || rel.ends_with("tests.rs")
            || CYRILLIC_ALLOWED.iter().any(|(f, _)| *f == rel);
        if exempt {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        for (n, line) in non_test_code(&source).lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.contains('"') && cyrillic(code) {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "texts outside i18n: {found:#?}");
}
