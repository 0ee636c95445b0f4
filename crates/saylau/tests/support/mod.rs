//! What the command-line tests share: the repository they run in and the built binary.
//! Each test file that uses it says `mod support;`; not every file uses every helper.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root, where the built-in data and the case files are.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the built `saylau` binary with `args` in the repository's root.
pub fn saylau(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_saylau"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the saylau binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// The units the built-in rulebook has in force in mid-2009, in its order: the only list of
/// units is the rulebook's.
pub static UNIT_IDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let book = saylau_core::builtin::rulebook().expect("the built-in rulebook loads");
    saylau_core::law::Law::new(&book, &[])
        .at(jiff::civil::date(2009, 7, 15))
        .list(saylau_core::law::Param::StateUnits)
        .expect("the units are known in 2009")
        .value
        .to_vec()
});
