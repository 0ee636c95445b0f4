//! The pages in a real browser: headless Chromium driven over WebDriver (Debian's `chromium`
//! and `chromium-driver`, which `.ci/run` installs). Opens the pages, changes the date, runs a
//! what-if, uploads a member list, checks a phone-sized screen and the keyboard, and saves
//! screenshots under the target directory
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

async fn type_into(c: &Client, at: Locator<'_>, text: &str) {
    c.find(at).await.unwrap().send_keys(text).await.unwrap();
}

async fn click(c: &Client, at: Locator<'_>) {
    c.find(at).await.unwrap().click().await.unwrap();
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

    // Change the date with the form: in 2000 no Mazhilis election is in the journal yet, so
    // its 77 seats by law are drawn without holders, and the Senate has 39 seats.
    c.execute(
        "document.getElementById('date').value = arguments[0];",
        vec![json!("2000-01-01")],
    )
    .await
    .unwrap();
    click(&c, Locator::Css("form button[type=submit]")).await;
    wait_for(
        &c,
        Locator::XPath("//h1[text()='Parliament on 2000-01-01']"),
    )
    .await;
    assert_eq!(seats(&c).await, 77 + 39);
    save(&c, "parliament-2000.png").await;

    // A what-if on the election page: a 3% threshold, drawn beside the real result.
    c.goto(&format!("{base}/elections/mazhilis-2007"))
        .await
        .unwrap();
    assert_eq!(seats(&c).await, 98);
    let threshold = c.find(Locator::Id("threshold")).await.unwrap();
    threshold.send_keys("3").await.unwrap();
    click(&c, Locator::Css("form button[type=submit]")).await;
    wait_for(
        &c,
        Locator::XPath("//caption[text()='With a 3% threshold']"),
    )
    .await;
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

    // Method and seats too; on a wide screen the two results stand side by side.
    c.set_window_size(1400, 1400).await.unwrap();
    c.goto(&format!("{base}/elections/mazhilis-2007"))
        .await
        .unwrap();
    c.find(Locator::Id("method"))
        .await
        .unwrap()
        .select_by_value("sainte_lague")
        .await
        .unwrap();
    type_into(&c, Locator::Id("seats"), "120").await;
    type_into(&c, Locator::Id("threshold"), "3").await;
    click(&c, Locator::Css("form.what-if button[type=submit]")).await;
    let caption = "With a 3% threshold, by sainte lague, for 120 list seats";
    wait_for(
        &c,
        Locator::XPath(&format!("//caption[text()='{caption}']")),
    )
    .await;
    assert_eq!(seats(&c).await, 98 + 120);
    let sides = c
        .execute(
            "return Array.from(document.querySelectorAll('.compare > section')).map(s => { const r = s.getBoundingClientRect(); return [r.left, r.top]; });",
            vec![],
        )
        .await
        .unwrap();
    let sides: Vec<(f64, f64)> = serde_json::from_value(sides).unwrap();
    assert_eq!(sides.len(), 2);
    assert_eq!(sides[0].1, sides[1].1, "side by side: the same top");
    assert!(sides[1].0 > sides[0].0 + 300.0, "side by side: {sides:?}");
    save(&c, "election-what-if-wide.png").await;
    c.set_window_size(1000, 1400).await.unwrap();

    // Upload a member list and a register on the parties page: the decision, per-unit bars.
    let saylau = env!("CARGO_BIN_EXE_saylau");
    let register = dir.join("register.csv");
    let members = dir.join("members.csv");
    let out = Command::new(saylau)
        .args(["synth", "register", "--people", "20000", "--seed", "5"])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&register, out.stdout).unwrap();
    let out = Command::new(saylau)
        .args([
            "synth",
            "members",
            "--members",
            "3000",
            "--seed",
            "6",
            "--defects",
            "0.1",
        ])
        .arg("--register")
        .arg(&register)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&members, out.stdout).unwrap();
    c.goto(&format!("{base}/parties")).await.unwrap();
    // With no date asked, a page shows the last day the rulebook is checked for.
    assert_eq!(heading(&c).await, "Parties on 2026-07-01");
    type_into(&c, Locator::Id("members"), members.to_str().unwrap()).await;
    type_into(&c, Locator::Id("register"), register.to_str().unwrap()).await;
    c.execute(
        "document.getElementById('filed').value = '2009-07-01'; document.getElementById('committee_registered').value = '2009-03-02';",
        vec![],
    )
    .await
    .unwrap();
    type_into(&c, Locator::Id("founders"), "1000").await;
    click(
        &c,
        Locator::Css("form[action='/parties/check-registration'] button[type=submit]"),
    )
    .await;
    wait_for(&c, Locator::XPath("//h1[text()='Registration check']")).await;
    let text = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // 3,000 members cannot reach the 40,000 the law of 2009 asks.
    assert!(
        text.contains("Refused under the law of 2009-07-01"),
        "{text}"
    );
    assert!(text.contains("3000 rows of members.csv"), "{text}");
    assert_eq!(
        c.find_all(Locator::Css("#table-units .track"))
            .await
            .unwrap()
            .len(),
        16,
        "a bar for each unit"
    );
    let counted = c
        .execute(
            "return Array.from(document.querySelectorAll('#table-rejected tbody td.n, #table-rejected tfoot td.n')).reduce((a, td) => a + Number(td.textContent), 0);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(counted.as_f64(), Some(3000.0), "every row counted once");
    save(&c, "registration-check.png").await;

    // And a donations ledger: a verdict for each donation.
    let ledger = dir.join("ledger.csv");
    std::fs::write(
        &ledger,
        "id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n\
         d1,2008-03-01,Party A,citizen,A,2000,true,true\n\
         d2,2008-03-01,Party A,foreign_state,B,5000,true,true\n",
    )
    .unwrap();
    c.goto(&format!("{base}/parties")).await.unwrap();
    type_into(&c, Locator::Id("ledger"), ledger.to_str().unwrap()).await;
    click(
        &c,
        Locator::Css("form[action='/parties/check-ledger'] button[type=submit]"),
    )
    .await;
    wait_for(&c, Locator::XPath("//h1[text()='Ledger check']")).await;
    let verdicts = c
        .execute(
            "return Array.from(document.querySelectorAll('#table-donations tbody tr')).map(r => r.children[5].textContent);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(verdicts, json!(["permissible", "impermissible"]));

    // Every arrow of the system diagram is a link to its citation.
    c.goto(&format!("{base}/system?date=2009-06-01"))
        .await
        .unwrap();
    let arrows = c.find_all(Locator::Css("svg a .relation")).await.unwrap();
    assert!(arrows.len() >= 20, "{}", arrows.len());
    save(&c, "system-2009.png").await;

    // A phone-sized screen: no page scrolls sideways (wide tables scroll inside their own
    // box), every diagram fits, and every form control has a label.
    c.set_window_size(390, 844).await.unwrap();
    for path in [
        "/parliament?date=2008-03-01",
        "/elections/mazhilis-2007?threshold=3",
        "/elections",
        "/elections/president-1999",
        "/parties",
        "/parties/nur_otan",
        "/system",
        "/law?date=2009-06-01",
        "/journal",
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let check = c
            .execute(
                "const w = Array.from(document.querySelectorAll('svg')).map(s => s.getBoundingClientRect().width); \
                 const unlabelled = Array.from(document.querySelectorAll('input, select')) \
                   .filter(e => !document.querySelector(`label[for='${e.id}']`)).length; \
                 return [w.length ? Math.max(...w) - window.innerWidth : 0, \
                         document.documentElement.scrollWidth - window.innerWidth, unlabelled];",
                vec![],
            )
            .await
            .unwrap();
        let (svg_wide, page_wide, unlabelled): (f64, f64, u32) =
            serde_json::from_value(check).unwrap();
        assert!(
            svg_wide <= 0.0,
            "{path}: a diagram wider than a phone ({svg_wide})"
        );
        assert!(
            page_wide <= 0.0,
            "{path}: the page scrolls sideways ({page_wide} px)"
        );
        assert_eq!(unlabelled, 0, "{path}: form controls without a label");
    }
    save(&c, "journal-phone.png").await;

    // By keyboard: Tab reaches the navigation first, then a scrollable table can take focus.
    c.goto(&format!("{base}/law?date=2009-06-01"))
        .await
        .unwrap();
    let focused = c
        .execute(
            "document.body.focus(); return document.activeElement.tagName;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, json!("BODY"));
    type_into(&c, Locator::Css("body"), "\u{e004}").await;
    let first = c
        .execute(
            "return document.activeElement.getAttribute('href');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        first,
        json!("/"),
        "the first Tab stop is the first link of the navigation"
    );
    let regions = c
        .execute(
            "return Array.from(document.querySelectorAll('.table-wrap')).filter(e => e.tabIndex === 0 && e.getAttribute('aria-label')).length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        regions,
        json!(1),
        "the law table scrolls by keyboard and is named"
    );
    c.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Waits for `locator` after a navigation. Chromedriver answers a lookup made while the page
/// is changing with "aborted by navigation"; that is a reason to look again, not a failure.
async fn wait_for(c: &Client, locator: Locator<'_>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        match c.wait().for_element(locator).await {
            Ok(_) => return,
            Err(e) if std::time::Instant::now() < deadline => {
                eprintln!("waiting for {locator:?} again: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("{locator:?} did not appear: {e}"),
        }
    }
}
