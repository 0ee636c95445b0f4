//! The pages in a real browser: headless Chromium driven over WebDriver (Debian's `chromium`
//! and `chromium-driver`, which `.ci/run` installs). Opens the pages, changes the date, runs a
//! what-if, checks a phone-sized screen, and saves screenshots under the target directory
//! (`browser-screenshots/`) as artifacts. Without chromedriver the test fails and says so,
//! unless `SAYLAU_SKIP_BROWSER=1` is set.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `saylau serve` on a fresh journal; the base URL.
fn serve(dir: &std::path::Path) -> (Process, String) {
    let db = format!("sqlite://{}", dir.join("j.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_saylau"))
        .args(["serve", "--db", &db, "--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let _ = tx.send(port);
            }
        }
    });
    let port = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    (Process(child), format!("http://127.0.0.1:{port}"))
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|p| p.join("browser-screenshots"))
        .unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn seats(c: &Client) -> usize {
    c.find_all(Locator::Css("svg .seat")).await.unwrap().len()
}

async fn heading(c: &Client) -> String {
    c.find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn save(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    std::fs::write(screenshots().join(name), png).unwrap();
}

#[tokio::test]
async fn the_pages_work_in_a_real_browser() {
    if std::env::var("SAYLAU_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("skipped: SAYLAU_SKIP_BROWSER=1");
        return;
    }
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let port = free_port();
    let chromedriver = Command::new(&driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("`{driver}` does not start ({e}): install chromium and chromium-driver, or set SAYLAU_SKIP_BROWSER=1")
        });
    let _chromedriver = Process(chromedriver);
    let dir = std::env::temp_dir().join(format!("saylau-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (_server, base) = serve(&dir);

    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1000,1400"
        ] }),
    );
    let mut client = None;
    for _ in 0..50 {
        match ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    let c = client.expect("chromedriver answers and starts Chromium");

    // The parliament on a date: 107 Mazhilis and 47 Senate seats, one shape each.
    c.goto(&format!("{base}/parliament?date=2008-03-01"))
        .await
        .unwrap();
    assert_eq!(heading(&c).await, "Parliament on 2008-03-01");
    assert_eq!(seats(&c).await, 107 + 47);
    save(&c, "parliament-2008.png").await;

    // Change the date with the form: in 2000 no Mazhilis election is in the journal yet and
    // the Senate has 39 seats.
    c.execute(
        "document.getElementById('date').value = arguments[0];",
        vec![json!("2000-01-01")],
    )
    .await
    .unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::XPath("//h1[text()='Parliament on 2000-01-01']"))
        .await
        .unwrap();
    assert_eq!(seats(&c).await, 39);
    save(&c, "parliament-2000.png").await;

    // A what-if on the election page: a 3% threshold, drawn beside the real result.
    c.goto(&format!("{base}/elections/mazhilis-2007"))
        .await
        .unwrap();
    assert_eq!(seats(&c).await, 98);
    let threshold = c.find(Locator::Id("threshold")).await.unwrap();
    threshold.send_keys("3").await.unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::XPath("//caption[text()='With a 3% threshold']"))
        .await
        .unwrap();
    assert_eq!(seats(&c).await, 2 * 98);
    let text = c
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("With a 3% threshold"));
    save(&c, "election-what-if.png").await;

    // Every arrow of the system diagram is a link to its citation.
    c.goto(&format!("{base}/system?date=2009-06-01"))
        .await
        .unwrap();
    let arrows = c
        .find_all(Locator::Css("svg a line.relation"))
        .await
        .unwrap();
    assert!(arrows.len() >= 20, "{}", arrows.len());
    save(&c, "system-2009.png").await;

    // A phone-sized screen: nothing wider than the viewport.
    c.set_window_size(390, 844).await.unwrap();
    for path in [
        "/parliament?date=2008-03-01",
        "/elections/mazhilis-2007",
        "/law?date=2009-06-01",
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        // Long tables of citations may be wider than a phone; the diagrams must fit.
        let svg_wide = c
            .execute(
                "const w = Array.from(document.querySelectorAll('svg')).map(s => s.getBoundingClientRect().width); \
                 return w.length ? Math.max(...w) - window.innerWidth : 0;",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            svg_wide.as_f64().unwrap_or(1.0) <= 0.0,
            "{path}: a diagram wider than a phone ({svg_wide})"
        );
    }
    save(&c, "law-phone.png").await;
    c.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
