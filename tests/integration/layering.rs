//! Guards the layering in ARCHITECTURE.md: the model knows no serde, web crates, clocks, threads
//! or unseeded randomness; the scenario layer knows no browser; the worker knows no UI or DOM;
//! every source file opens with a `//!` line saying what it owns.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files_under(sub: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(sub), &mut files);
    assert!(!files.is_empty(), "no files under {sub}");
    files
}

fn assert_none_mentions(sub: &str, forbidden: &[&str]) {
    for file in files_under(sub) {
        let text = std::fs::read_to_string(&file).unwrap();
        // Code only: comments may say what the layer does not use.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for word in forbidden {
            assert!(
                !code.contains(word),
                "{} mentions `{word}`, which this layer must not know",
                file.display()
            );
        }
    }
}

#[test]
fn model_knows_no_serde_web_clock_thread_or_unseeded_randomness() {
    assert_none_mentions(
        "src/model",
        &[
            "serde",
            "yew",
            "web_sys",
            "gloo",
            "wasm_bindgen",
            "std::time",
            "Instant",
            "SystemTime",
            "std::thread",
            "thread_rng",
            "getrandom",
            "from_entropy",
            "crate::scenario",
            "crate::ui",
            "crate::worker",
        ],
    );
}

#[test]
fn scenario_layer_knows_no_browser() {
    assert_none_mentions(
        "src/scenario",
        &[
            "yew",
            "web_sys",
            "gloo",
            "wasm_bindgen",
            "js_sys",
            "crate::ui",
            "crate::worker",
        ],
    );
}

#[test]
fn worker_knows_no_ui_or_dom() {
    // Dependencies point ui → worker → scenario → model: the worker runs off the page and has
    // no document (the page-side client reads only the window's clock and core count).
    assert_none_mentions(
        "src/worker",
        &["crate::ui", "yew", "Document", "HtmlElement", "Element"],
    );
}

#[test]
fn every_source_file_opens_with_a_doc_line() {
    for sub in ["src", "tests/integration", "benches"] {
        for file in files_under(sub) {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(
                text.starts_with("//!"),
                "{} does not open with a `//!` line",
                file.display()
            );
        }
    }
}

#[test]
fn no_html_is_built_from_strings_in_the_ui() {
    assert_none_mentions(
        "src/ui",
        &[
            "inner_html",
            "from_html_unchecked",
            "insertAdjacentHTML",
            "outer_html",
        ],
    );
}

/// The ui's modules (a file or a folder under `src/ui/`) and which of the others each names in
/// its code (`super::x` or `crate::ui::x`, tests left out); the folder's own `mod.rs` is the
/// root, which may name them all and which none may name.
fn ui_module_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let module_of = |path: &Path| -> String {
        let rel = path.strip_prefix(&ui).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        first.trim_end_matches(".rs").to_string()
    };
    let modules: std::collections::BTreeSet<String> =
        files_under("src/ui").iter().map(|p| module_of(p)).collect();
    let mut graph = std::collections::BTreeMap::new();
    for file in files_under("src/ui") {
        let me = module_of(&file);
        let in_folder = file.parent().unwrap() != ui;
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let deps: &mut std::collections::BTreeSet<String> = graph.entry(me.clone()).or_default();
        for prefix in ["super::", "crate::ui::"] {
            for (i, _) in code.match_indices(prefix) {
                // Inside a folder, `super::` is the folder's own root.
                if in_folder && prefix == "super::" {
                    continue;
                }
                let name: String = code[i + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name != me && modules.contains(&name) {
                    deps.insert(name);
                } else if me != "mod"
                    && prefix == "super::"
                    && !modules.contains(&name)
                    && !name.is_empty()
                {
                    // A function of the root (`super::something(`).
                    deps.insert("mod".to_string());
                }
            }
        }
    }
    graph
}

#[test]
fn the_ui_has_no_import_cycle() {
    let graph = ui_module_graph();
    assert!(graph.len() > 10, "{graph:?}");
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                assert!(
                    next != start,
                    "import cycle: {} -> {next}",
                    path.join(" -> ")
                );
                if !path.contains(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
}

#[test]
fn every_path_architecture_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut named = 0;
    for part in text.split('`').skip(1).step_by(2) {
        let prefixes = [
            "src/", "tests/", "seeds/", "www/", "scripts/", "docs/", "fuzz/", "benches/",
        ];
        let looks_like_path = prefixes.iter().any(|p| part.starts_with(p))
            && !part.contains(' ')
            && !part.contains('*')
            && !part.contains('<');
        if looks_like_path {
            named += 1;
            let path = root.join(part.trim_end_matches(':').trim_end_matches(','));
            assert!(
                path.exists(),
                "ARCHITECTURE.md names {part}, which does not exist"
            );
        }
    }
    assert!(
        named > 10,
        "only {named} paths found: the test reads the wrong thing"
    );
    // Each module file the model and scenario sections list by name exists too.
    for (section, dir) in [("## Model", "src/model"), ("## Scenario", "src/scenario")] {
        let start = text
            .find(section)
            .unwrap_or_else(|| panic!("no {section} section"));
        let body = &text[start..];
        let end = body[3..].find("\n## ").map_or(body.len(), |i| i + 3);
        for line in body[..end].lines().filter(|l| l.starts_with("- `")) {
            let file = line[3..].split('`').next().unwrap_or("");
            if file.ends_with(".rs") {
                assert!(
                    root.join(dir).join(file).exists(),
                    "ARCHITECTURE.md lists {dir}/{file}, which does not exist"
                );
            }
        }
    }
}
