//! The architecture as a test: it reads `src/` and fails on an import that
//! points up the layers of `docs/architecture.md`, on two rooms that use each
//! other, and on any import circle among the crate's files. Paths are read
//! the way rustc resolves them: `crate::`, any number of `super::`, `self::`
//! and a file's own child modules (`strip::facts::Fact` in `card.rs`), inside
//! `use` trees and in code. Test code (`#[cfg(test)]` and below) is not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top to bottom: a room may use rooms in lower layers only, never one above
/// nor a sibling in its own layer. A room is a top-level module of `src/` or
/// of `src/server/`. Keep in step with `docs/architecture.md`.
const LAYERS: &[&[&str]] = &[
    // The process's top: cli, start-up; the only room that wires the others.
    &["server/app"],
    // The fake amoCRM, its fixtures and routes: reached only from start-up.
    &["demo"],
    // Adapts HTTP: gates, pages, headers, compression.
    &["server/http"],
    // Server functions, a few lines each.
    &["api"],
    // One file per write.
    &["server/actions"],
    // What a handler or server function holds: AppState, RequestContext.
    &["server/state"],
    // Loading and rendering a card.
    &["server/card"],
    // Editing: field types' controls, value rules, the typed record patch.
    &["server/edit"],
    // Who is asking: tokens, sessions, CSRF, notices.
    &["server/auth"],
    // amoCRM: transport, client, records, accounts.
    &["server/amo"],
    // What every server room may read; the widget archive.
    &["server/base", "server/widget"],
    // Both sides of the wasm line: the shell, views, the enhancer.
    &["app"],
    &["components"],
    &["client", "page"],
    // Names, texts and view models: used by all, use nothing above.
    &["contract", "i18n"],
    &["model"],
];

/// A file's module path (`["server", "card", "strip"]`); the crate root is `[]`.
type Module = Vec<String>;

struct Crate {
    files: BTreeMap<Module, PathBuf>,
    code: BTreeMap<Module, String>,
}

impl Crate {
    fn read(src: &Path) -> Self {
        let mut files = BTreeMap::new();
        let mut stack = vec![src.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let rel = path
                        .strip_prefix(src)
                        .expect("under src/")
                        .with_extension("");
                    let mut module: Module = rel
                        .iter()
                        .map(|p| p.to_string_lossy().into_owned())
                        .collect();
                    if module == ["lib"] || module == ["main"] {
                        module.clear();
                    } else if module.last().is_some_and(|l| l == "mod") {
                        module.pop();
                    }
                    files.insert(module, path);
                }
            }
        }
        let code = files
            .iter()
            .map(|(m, p)| {
                let text = std::fs::read_to_string(p).expect("a source file");
                (m.clone(), strip(&text))
            })
            .collect();
        Self { files, code }
    }

    /// The file a path names: its longest prefix that is a module file.
    fn resolve(&self, mut path: Module) -> Module {
        while !path.is_empty() && !self.files.contains_key(&path) {
            path.pop();
        }
        path
    }

    /// Every other file each file refers to (ancestors and descendants aside:
    /// a module and its own children are one unit).
    fn edges(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut edges = BTreeMap::new();
        for (module, text) in &self.code {
            let children = child_modules(text);
            let (uses, chains) = paths(text);
            // What a `use` brings into scope by name (`use crate::server::card;`
            // makes `card::access::f()` a path into `card/access.rs`).
            let mut names = BTreeMap::new();
            let mut found = Vec::new();
            for (path, name) in uses {
                if let Some(absolute) = absolute(module, &children, &names, &path) {
                    names.insert(name, absolute.clone());
                    found.push(absolute);
                }
            }
            found.extend(
                chains
                    .iter()
                    .filter_map(|path| absolute(module, &children, &names, path)),
            );
            let mut targets = BTreeSet::new();
            for absolute in found {
                let target = self.resolve(absolute);
                let related = target.starts_with(module) || module.starts_with(&target);
                if !related {
                    targets.insert(target);
                }
            }
            edges.insert(module.clone(), targets);
        }
        edges
    }
}

/// The room a module belongs to (`server/card`, `components`), if any.
fn room(module: &[String]) -> Option<String> {
    match module {
        [] => None,
        [server] if server == "server" => None,
        [server, room, ..] if server == "server" => Some(format!("server/{room}")),
        [top, ..] => Some(top.clone()),
    }
}

fn layer(room: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&room))
}

/// The source without comments, string and char literals, and test code.
fn strip(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < bytes.len() && bytes[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < bytes.len() && !(bytes[i] == '*' && bytes[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !ident_before(&bytes, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while bytes.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if bytes.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= bytes.len() {
                    break;
                }
                if bytes[j] == '"' && (0..hashes).all(|h| bytes.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && bytes.get(i + 2) == Some(&'\'') {
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < bytes.len() && bytes[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(bytes: &[char], i: usize) -> bool {
    i > 0 && (bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_')
}

/// The modules a file declares (`mod strip;`, `pub mod fake;`).
fn child_modules(text: &str) -> BTreeSet<String> {
    let tokens = tokens(text);
    tokens
        .windows(3)
        .filter(|w| w[0] == "mod" && w[2] == ";")
        .map(|w| w[1].clone())
        .collect()
}

/// Identifiers, `::` and single punctuation, in order.
fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_owned());
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
            i += 1;
        }
    }
    out
}

/// A `use` leaf's path and the name it is known by in the file.
type UseLeaf = (Vec<String>, String);

/// Every path the code names: each leaf of a `use` tree (with its name), and
/// each `a::b::c` chain elsewhere.
fn paths(text: &str) -> (Vec<UseLeaf>, Vec<Vec<String>>) {
    let tokens = tokens(text);
    let mut uses = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" {
            let end = tokens[i..]
                .iter()
                .position(|t| t == ";")
                .map_or(tokens.len(), |p| i + p);
            use_tree(&tokens[i + 1..end], &[], &mut uses);
            i = end;
            continue;
        }
        let preceded_by_sep = i > 0 && tokens[i - 1] == "::";
        if !preceded_by_sep && tokens.get(i + 1).is_some_and(|t| t == "::") {
            let mut path = vec![tokens[i].clone()];
            let mut j = i + 1;
            while tokens.get(j).is_some_and(|t| t == "::")
                && tokens.get(j + 1).is_some_and(|t| is_ident(t))
            {
                path.push(tokens[j + 1].clone());
                j += 2;
            }
            out.push(path);
            i = j;
            continue;
        }
        i += 1;
    }
    (uses, out)
}

fn is_ident(t: &str) -> bool {
    t.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The leaves of a `use` tree (`a::{b, c::{d as e}}`), each with its prefix.
fn use_tree(tokens: &[String], prefix: &[String], out: &mut Vec<UseLeaf>) {
    let mut path = prefix.to_vec();
    let mut rename = None;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t == "{" {
            // Split the group's items at top-level commas.
            let mut depth = 0;
            let mut start = i + 1;
            let mut j = i + 1;
            while j < tokens.len() {
                match tokens[j].as_str() {
                    "{" => depth += 1,
                    "}" if depth == 0 => {
                        use_tree(&tokens[start..j], &path, out);
                        break;
                    }
                    "}" => depth -= 1,
                    "," if depth == 0 => {
                        use_tree(&tokens[start..j], &path, out);
                        start = j + 1;
                    }
                    _ => {}
                }
                j += 1;
            }
            return;
        } else if t == "as" {
            rename = tokens.get(i + 1).cloned();
            break;
        } else if is_ident(t) && (t != "self" || path.is_empty()) {
            // (`a::{self}` names `a` itself.)
            path.push(t.clone());
        }
        i += 1;
    }
    if let Some(name) = rename.or_else(|| path.last().cloned()) {
        out.push((path, name));
    }
}

/// A path as seen from `module` made absolute, or `None` when it names
/// something outside the crate (`std::`, a dependency, a local item).
fn absolute(
    module: &Module,
    children: &BTreeSet<String>,
    names: &BTreeMap<String, Module>,
    path: &[String],
) -> Option<Module> {
    let first = path.first()?;
    match first.as_str() {
        "crate" => Some(path[1..].to_vec()),
        "self" => Some(module.iter().chain(&path[1..]).cloned().collect()),
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            let base = module.len().checked_sub(ups)?;
            Some(module[..base].iter().chain(&path[ups..]).cloned().collect())
        }
        child if children.contains(child) => Some(module.iter().chain(path).cloned().collect()),
        name => names
            .get(name)
            .map(|m| m.iter().chain(&path[1..]).cloned().collect()),
    }
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn show(module: &[String]) -> String {
    if module.is_empty() {
        "lib.rs".to_owned()
    } else {
        module.join("/")
    }
}

/// Imports that point up the layers, or across one, with the file that makes them.
fn against_layers(krate: &Crate) -> Vec<String> {
    let mut wrong = Vec::new();
    for (from, targets) in krate.edges() {
        let Some(from_room) = room(&from) else {
            continue;
        };
        let from_layer = layer(&from_room);
        for to in targets {
            let Some(to_room) = room(&to) else {
                continue;
            };
            if to_room == from_room {
                continue;
            }
            match (from_layer, layer(&to_room)) {
                (Some(a), Some(b)) if a < b => {}
                (None, _) | (_, None) => wrong.push(format!(
                    "{} uses {}: a room missing from LAYERS",
                    show(&from),
                    show(&to)
                )),
                _ => wrong.push(format!(
                    "{} ({from_room}) uses {} ({to_room}), which is not below it",
                    show(&from),
                    show(&to)
                )),
            }
        }
    }
    wrong
}

/// Files that reach themselves through others (Tarjan's strongly connected components).
fn circles(krate: &Crate) -> Vec<Vec<String>> {
    let edges = krate.edges();
    let nodes: Vec<&Module> = edges.keys().collect();
    let at = |m: &Module| nodes.iter().position(|n| *n == m);
    let succ: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| edges[*n].iter().filter_map(at).collect())
        .collect();
    struct Walk {
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        stack: Vec<usize>,
        on: Vec<bool>,
        next: usize,
        found: Vec<Vec<usize>>,
    }
    fn visit(v: usize, succ: &[Vec<usize>], w: &mut Walk) {
        w.index[v] = Some(w.next);
        w.low[v] = w.next;
        w.next += 1;
        w.stack.push(v);
        w.on[v] = true;
        for &u in &succ[v] {
            match w.index[u] {
                None => {
                    visit(u, succ, w);
                    w.low[v] = w.low[v].min(w.low[u]);
                }
                Some(i) if w.on[u] => w.low[v] = w.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(w.low[v]) == w.index[v] {
            let mut comp = Vec::new();
            while let Some(u) = w.stack.pop() {
                w.on[u] = false;
                comp.push(u);
                if u == v {
                    break;
                }
            }
            if comp.len() > 1 {
                w.found.push(comp);
            }
        }
    }
    let mut walk = Walk {
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        stack: Vec::new(),
        on: vec![false; nodes.len()],
        next: 0,
        found: Vec::new(),
    };
    for v in 0..nodes.len() {
        if walk.index[v].is_none() {
            visit(v, &succ, &mut walk);
        }
    }
    walk.found
        .into_iter()
        .map(|c| {
            let mut names: Vec<String> = c.into_iter().map(|i| show(nodes[i])).collect();
            names.sort();
            names
        })
        .collect()
}

#[test]
fn every_import_points_down_the_layers() {
    let wrong = against_layers(&Crate::read(&src()));
    assert!(
        wrong.is_empty(),
        "imports against docs/architecture.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_circles_among_files() {
    let found = circles(&Crate::read(&src()));
    assert!(found.is_empty(), "import circles: {found:?}");
}

#[test]
fn every_room_has_a_layer() {
    let krate = Crate::read(&src());
    let missing: BTreeSet<String> = krate
        .files
        .keys()
        .filter_map(|m| room(m))
        .filter(|r| layer(r).is_none())
        .collect();
    assert!(missing.is_empty(), "rooms missing from LAYERS: {missing:?}");
}

/// The checks themselves, on planted code: each must catch its violation.
mod planted {
    use super::*;

    fn krate(files: &[(&str, &str)]) -> Crate {
        let files: Vec<(Module, String)> = files
            .iter()
            .map(|(path, code)| {
                let module = path.split('/').map(str::to_owned).collect();
                (module, strip(code))
            })
            .collect();
        Crate {
            files: files
                .iter()
                .map(|(m, _)| (m.clone(), PathBuf::from(show(m))))
                .collect(),
            code: files.into_iter().collect(),
        }
    }

    #[test]
    fn an_upward_import_is_caught_in_every_spelling() {
        for code in [
            "use crate::server::card::open;",
            "use crate::server::{auth, card::open};",
            "fn f() { crate::server::card::open(); }",
            "use super::card::open;",
        ] {
            let k = krate(&[("server/amo", code), ("server/card", "pub fn open() {}")]);
            assert_eq!(against_layers(&k).len(), 1, "missed: {code}");
        }
    }

    #[test]
    fn comments_strings_and_tests_are_not_imports() {
        let code = "// use crate::server::card;\nconst A: &str = \"crate::server::card\";\n\
                    #[cfg(test)]\nmod tests { use crate::server::card; }";
        let k = krate(&[("server/amo", code), ("server/card", "")]);
        assert!(against_layers(&k).is_empty());
    }

    #[test]
    fn a_circle_through_child_and_super_paths_is_caught() {
        // card.rs declares `lead` and `strip`; strip/facts.rs uses lead through
        // two supers, lead uses facts through the parent's child path.
        let k = krate(&[
            ("server/card", "mod lead; mod strip;"),
            ("server/card/lead", "use super::strip::facts::Fact;"),
            ("server/card/strip", "pub mod facts;"),
            (
                "server/card/strip/facts",
                "pub struct Fact; fn f() { super::super::lead::x(); }",
            ),
        ]);
        assert_eq!(circles(&k).len(), 1);
        let k = krate(&[
            (
                "server/card",
                "mod lead; mod strip; fn f() { strip::facts::g(); }",
            ),
            ("server/card/lead", ""),
            ("server/card/strip", "pub mod facts;"),
            ("server/card/strip/facts", "fn g() {}"),
        ]);
        assert!(
            circles(&k).is_empty(),
            "a parent and its children are one unit"
        );
    }

    #[test]
    fn a_path_through_an_imported_module_counts() {
        // `use crate::server::amo;` then `amo::client::x()`: an edge to client.rs,
        // not only to amo.rs (where the shared import-circles tool stops).
        let k = krate(&[
            ("server/amo", "pub mod client;"),
            (
                "server/amo/client",
                "fn x() { crate::server::card::lead::y(); }",
            ),
            ("server/card", "mod lead;"),
            (
                "server/card/lead",
                "use crate::server::amo; fn y() { amo::client::x(); }",
            ),
        ]);
        assert_eq!(circles(&k).len(), 1);
        let k = krate(&[
            ("server/amo", "pub mod client;"),
            (
                "server/amo/client",
                "fn x() { c::lead::y(); }\nuse crate::server::card as c;",
            ),
            ("server/card", "mod lead;"),
            ("server/card/lead", ""),
        ]);
        // Both the module and its child are named: two wrong imports.
        assert_eq!(against_layers(&k).len(), 2, "a renamed import still counts");
    }
}

/// Every file path a doc or a comment names in backticks (`card/editable.rs`,
/// `docs/security.md`) exists: as written from the repository's root, or as
/// the tail of a file that does (`server/base/throttle.rs`).
#[test]
fn every_named_path_exists() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !name.starts_with('.')
                    && !matches!(name.as_str(), "target" | "node_modules" | "test-results")
                {
                    stack.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    let known: Vec<String> = files
        .iter()
        .filter_map(|p| p.strip_prefix(&root).ok())
        .map(|p| format!("/{}", p.to_string_lossy()))
        .collect();
    let readers = files.iter().filter(|p| {
        let rel = p.strip_prefix(&root).unwrap_or(p);
        let ext = p.extension().and_then(|e| e.to_str());
        (ext == Some("md") && !rel.starts_with("bench/floor"))
            || (ext == Some("rs") && (rel.starts_with("src") || rel.starts_with("tests")))
    });
    let mut missing = Vec::new();
    for file in readers {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, quoted) in text.split('`').enumerate() {
            if n % 2 == 0 || quoted.contains(char::is_whitespace) || quoted.contains("..") {
                continue;
            }
            let named = quoted.trim_start_matches("./");
            let is_path = named.contains('/')
                && [
                    ".rs", ".md", ".sh", ".ts", ".mjs", ".css", ".sql", ".toml", ".json",
                ]
                .iter()
                .any(|e| named.ends_with(e))
                && !named.contains(['*', '{', '<', ':', '$']);
            // Reports a run writes (git ignores them) are named before they exist.
            let generated = named.ends_with("last-run.json");
            if is_path && !generated && !known.iter().any(|k| k.ends_with(&format!("/{named}"))) {
                missing.push(format!(
                    "{}: `{named}`",
                    file.strip_prefix(&root).unwrap_or(file).display()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "paths that do not exist:\n{}",
        missing.join("\n")
    );
}

/// The lines of a file above its tests (a top-level `#[cfg(test)]`).
fn code_lines(text: &str) -> usize {
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .count()
}

/// A file that needs more than this is two concerns (text tables aside:
/// `i18n/` holds one table per language group, and splits by topic).
const MAX_LINES: usize = 400;

#[test]
fn no_source_file_over_400_lines() {
    let krate = Crate::read(&src());
    let long: Vec<String> = krate
        .files
        .iter()
        .filter(|(m, _)| m.first().is_none_or(|first| first != "i18n"))
        .filter_map(|(_, path)| {
            let text = std::fs::read_to_string(path).expect("a source file");
            let n = code_lines(&text);
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

#[test]
fn tests_below_the_code_do_not_count() {
    let code = "fn a() {}\n".repeat(MAX_LINES);
    let with_tests = format!(
        "{code}#[cfg(test)]\nmod tests {{\n{}}}\n",
        "fn t() {}\n".repeat(50)
    );
    assert_eq!(code_lines(&with_tests), MAX_LINES);
    assert_eq!(code_lines(&format!("{code}fn b() {{}}\n")), MAX_LINES + 1);
}
