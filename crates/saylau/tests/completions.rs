//! `saylau completions SHELL` on the built binary: a script for each shell clap_complete
//! knows, naming the commands, and exit 2 for a shell it does not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};

mod support;
use support::saylau;

fn script(shell: &str) -> String {
    let o = saylau(&["completions", shell]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{shell}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stderr.is_empty());
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    let bash = script("bash");
    for word in [
        "mazhilis",
        "registration",
        "finance",
        "completions",
        "--format",
    ] {
        assert!(bash.contains(word), "`{word}` in the bash script");
    }
    // Nested subcommands and their flags are completed too.
    assert!(
        bash.contains("--committee-registered"),
        "bash: a flag of `registration check`"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let s = script(shell);
        assert!(
            s.contains("mazhilis") && s.contains("registration"),
            "{shell}: {s}"
        );
    }
}

#[test]
fn the_bash_script_loads_in_bash() {
    // Where bash is installed, the script must define the completion for `saylau`.
    let Ok(mut bash) = Command::new("bash")
        .args([
            "--norc",
            "--noprofile",
            "-c",
            "source /dev/stdin && complete -p saylau",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("bash is not installed: the script is not loaded");
        return;
    };
    {
        use std::io::Write;
        let mut stdin = bash.stdin.take().unwrap();
        stdin.write_all(script("bash").as_bytes()).unwrap();
    }
    let o = bash.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "bash: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("saylau"), "{out}");
}

#[test]
fn an_unknown_shell_is_bad_usage() {
    let o = saylau(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("tcsh"), "{err}");
    let o = saylau(&["completions"]);
    assert_eq!(o.status.code(), Some(2), "the shell is required");
}
