//! Guards the baseline's results against unnoticed change: the CLI's target table and yearly
//! projection for the embedded baseline must equal the reviewed snapshot in tests/snapshots/.
//! After an intended model change, regenerate with `UPDATE_SNAPSHOTS=1 cargo test` and review
//! the diff.

use crate::util::cli;
use std::path::Path;

fn check_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_SNAPSHOTS=1 to create)",
            path.display()
        )
    });
    assert_eq!(
        actual, expected,
        "{} changed; review and regenerate with UPDATE_SNAPSHOTS=1",
        name
    );
}

#[test]
fn baseline_target_table_matches_snapshot() {
    let (code, out, err) = cli(&["project", "--format", "table"]);
    assert_eq!(code, 0, "{err}");
    check_snapshot("baseline-project.txt", &out);
}

#[test]
fn baseline_csv_matches_snapshot() {
    let (code, out, err) = cli(&["project", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    check_snapshot("baseline-project.csv", &out);
}
