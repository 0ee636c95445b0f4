//! The rules of every format, one table per rule: each feeds bad input to every format the
//! rule covers and checks the exact message (file, line, field, the quoted value) and that
//! nothing was read. Issue 10's examples are among the cases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use saylau_core::builtin;
use saylau_core::law::{Law, Param};
use saylau_formats::register::Units;
use saylau_formats::{FormatError, LawDays, bodies, contests, finance, register, text, votes};

fn units() -> Vec<String> {
    let book = builtin::rulebook().unwrap();
    Law::new(&book, &[])
        .at(jiff::civil::date(2009, 7, 15))
        .list(Param::StateUnits)
        .unwrap()
        .value
        .to_vec()
}

fn days() -> LawDays {
    LawDays::of(&builtin::rulebook().unwrap())
}

/// Every CSV format: its name, a good file of it, and its reader (the number of rows read).
type Reader = fn(&str, &[u8]) -> Result<usize, FormatError>;

fn csv_formats() -> Vec<(&'static str, &'static str, Reader)> {
    vec![
        (
            "lists",
            "party,votes,list_number\nNUR OTAN,100,1\nAk Zhol,40,2\n",
            |f, b| votes::read_lists(f, b).map(|r| r.len()),
        ),
        ("tally", "candidate,votes\nA,10\nB,20\n", |f, b| {
            votes::read_tally(f, b).map(|r| r.len())
        }),
        (
            "senate",
            "unit,candidate,votes,electors\nastana,A,40,60\nastana,B,20,60\n",
            |f, b| contests::read_senate(f, b).map(|r| r.iter().map(|c| c.candidates.len()).sum()),
        ),
        (
            "maslikhat",
            "district,candidate,votes,seats\nd1,A,40,1\nd1,B,20,1\n",
            |f, b| {
                contests::read_maslikhat(f, b).map(|r| r.iter().map(|c| c.candidates.len()).sum())
            },
        ),
        ("appointed", "name\nA. Senator\nB. Senator\n", |f, b| {
            contests::read_appointed(f, b).map(|r| r.len())
        }),
        (
            "register",
            "iin,full_name,birth_date,unit,citizen,deceased,occupation\n\
             700501400175,Aigerim Sadykova,1970-05-01,astana,true,false,teacher\n\
             870215301235,Marat Omarov,1987-02-15,akmola,true,false,\n",
            |f, b| register::read_register(f, b, &Units::new(&units())).map(|r| r.len()),
        ),
        (
            "members",
            "iin,signed_on\n700501400175,2009-04-01\n123,2009-04-02\n",
            |f, b| register::read_members(f, b, &days()).map(|r| r.len()),
        ),
        (
            "others",
            "iin,party\n700501400175,azat\n870215301235,ak_zhol\n",
            |f, b| register::read_other_members(f, b, None, |_| {}).map(|n| n as usize),
        ),
        (
            "ledger",
            "id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n\
             d1,2008-03-01,azat,citizen,A,2000,true,true\n\
             d2,2008-03-02,azat,citizen,,700,false,true\n",
            |f, b| finance::read_ledger(f, b, &days()).map(|r| r.len()),
        ),
        (
            "spending",
            "spender,date,amount,currency\nazat,2007-08-01,10,USD\nazat,2007-08-02,5,usd\n",
            |f, b| finance::read_spending(f, b, &days()).map(|r| r.len()),
        ),
    ]
}

/// The first column of a format's header.
fn first_column(good: &str) -> &str {
    good.lines().next().unwrap().split(',').next().unwrap()
}

#[test]
fn every_good_file_is_read_with_a_bom_crlf_and_capitals() {
    for (name, good, read) in csv_formats() {
        let file = format!("{name}.csv");
        assert_eq!(read(&file, good.as_bytes()), Ok(2), "{name}");
        let mut twisted = String::from("\u{feff}");
        let mut lines = good.lines();
        twisted.push_str(&lines.next().unwrap().to_uppercase());
        twisted.push_str("\r\n");
        for l in lines {
            twisted.push_str(l);
            twisted.push_str("\r\n");
        }
        assert_eq!(
            read(&file, twisted.as_bytes()),
            Ok(2),
            "{name}: {twisted:?}"
        );
    }
}

#[test]
fn a_column_named_twice_in_any_case_is_refused() {
    for (name, good, read) in csv_formats() {
        let file = format!("{name}.csv");
        let col = first_column(good);
        let header = good.lines().next().unwrap();
        let width = header.split(',').count();
        for twin in [col.to_string(), col.to_uppercase()] {
            let text = good.replacen(header, &format!("{header},{twin}"), 1);
            // Every row gets the extra cell, so that only the header is wrong.
            let text: String = text
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        format!("{l}\n")
                    } else {
                        format!("{l},x\n")
                    }
                })
                .collect();
            let e = read(&file, text.as_bytes()).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!(
                    "{file}:1: field `{col}`: the header names this column twice (columns 1 and {}), \
                     in any case; saylau does not guess which one is meant",
                    width + 1
                ),
                "{name}"
            );
        }
    }
}

/// Issue 10: `iin,signed_on,signed_on` gave 0 valid members on the web (the last column) and
/// 285 on the command line (the first). Now it is refused, with the same words everywhere.
#[test]
fn issue_10_duplicated_signed_on_is_refused() {
    let text = b"iin,signed_on,signed_on\n700501400175,2009-04-01,2001-01-01\n";
    let e = register::read_members("members.csv", &text[..], &days()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "members.csv:1: field `signed_on`: the header names this column twice (columns 2 and 3), \
         in any case; saylau does not guess which one is meant"
    );
}

#[test]
fn unknown_columns_are_refused_unless_documented_as_ignored() {
    for (name, good, read) in csv_formats() {
        let file = format!("{name}.csv");
        let header = good.lines().next().unwrap();
        let text: String = good
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    format!("{l},remarks\n")
                } else {
                    format!("{l},x\n")
                }
            })
            .collect();
        let e = read(&file, text.as_bytes()).unwrap_err();
        let why = e.to_string();
        assert!(
            why.starts_with(&format!("{file}:1: field `remarks`: not a column of ")),
            "{name}: {why}"
        );
        assert!(
            why.contains(&format!("(expected {header}")) || why.contains("[,"),
            "{why}"
        );
    }
    // The documented exceptions.
    let members = "iin,signed_on,full_name\n700501400175,2009-04-01,Aigerim\n";
    assert!(register::read_members("m.csv", members.as_bytes(), &days()).is_ok());
    let others = "iin,party,signed_on,full_name\n700501400175,azat,2009-04-01,Aigerim\n";
    assert!(register::read_other_members("o.csv", others.as_bytes(), None, |_| {}).is_ok());
    // Ignored cells are still text: a control character in one is refused.
    let members = "iin,signed_on,full_name\n700501400175,2009-04-01,A\u{1b}[2J\n";
    let e = register::read_members("m.csv", members.as_bytes(), &days()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "m.csv:2: field `full_name`: `A\\u{1b}[2J` holds the control or invisible character \\u{1b}, which saylau does not accept in text"
    );
}

#[test]
fn a_missing_column_is_named() {
    for (name, good, read) in csv_formats() {
        let file = format!("{name}.csv");
        let header = good.lines().next().unwrap();
        let col = first_column(good);
        let rest: Vec<&str> = header.split(',').skip(1).collect();
        let text: String = good
            .lines()
            .map(|l| format!("{}\n", l.split_once(',').map_or("", |(_, r)| r)))
            .collect();
        let e = read(&file, text.as_bytes()).unwrap_err();
        let why = e.to_string();
        if rest.is_empty() {
            // A one-column format without its column has nothing left.
            assert_eq!(
                why,
                format!("{file}: the file is empty (expected a header: {col})")
            );
            continue;
        }
        assert!(
            why.starts_with(&format!("{file}:1: field `{col}`: missing from the header")),
            "{name}: {why}"
        );
    }
}

/// NUL, an escape sequence that retitles a terminal, a bidirectional override and a
/// zero-width space are refused in a cell of every format, quoted escaped; a tab is text.
#[test]
fn control_and_invisible_characters_are_refused_in_every_format() {
    for (name, good, read) in csv_formats() {
        let file = format!("{name}.csv");
        let lines: Vec<&str> = good.lines().collect();
        let (first, rest) = lines[1].split_once(',').unwrap_or((lines[1], ""));
        // The register's first column is the IIN, checked digit by digit: use the name.
        let (prefix, cell, suffix) = if name == "register" {
            let cells: Vec<&str> = lines[1].split(',').collect();
            (
                format!("{},", cells[0]),
                cells[1].to_string(),
                format!(",{}", cells[2..].join(",")),
            )
        } else if rest.is_empty() {
            (String::new(), first.to_string(), String::new())
        } else {
            (String::new(), first.to_string(), format!(",{rest}"))
        };
        let field = if name == "register" {
            "full_name"
        } else {
            first_column(good)
        };
        for (bad, shown) in [
            ("\u{0}", "\\u{0}"),
            ("\u{1b}]0;owned\u{7}", "\\u{1b}"),
            ("\u{202e}", "\\u{202e}"),
            ("\u{200b}", "\\u{200b}"),
        ] {
            let text = format!("{}\n{prefix}{cell}{bad}{suffix}\n{}\n", lines[0], lines[2]);
            let e = read(&file, text.as_bytes()).unwrap_err();
            let why = e.to_string();
            assert!(
                why.starts_with(&format!("{file}:2: field `{field}`: `")),
                "{name}: {why}"
            );
            assert!(
                why.ends_with(&format!(
                    "holds the control or invisible character {shown}, which saylau does not accept in text"
                )),
                "{name}: {why}"
            );
            assert!(
                !why.contains('\u{1b}') && !why.contains('\0'),
                "{name}: raw in {why:?}"
            );
        }
    }
    // A tab is text.
    let text = "party,votes\nNUR\tOTAN,100\n";
    assert_eq!(
        votes::read_lists("v.csv", text.as_bytes()).unwrap()[0].party,
        "NUR\tOTAN"
    );
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let e = votes::read_lists("v.csv", b"party,votes\nNUR \xff OTAN,100\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "v.csv:2: field `party`: not UTF-8 text (a bad byte after `NUR `)"
    );
    let e = text::read_text("charter.md", b"# Charter\n\nbad \xc3\x28 byte\n").unwrap_err();
    assert_eq!(e.to_string(), "charter.md:3: not UTF-8 text");
}

/// Booleans are `true` or `false` in any case, and nothing else.
#[test]
fn booleans_are_true_or_false_in_any_case() {
    let units = units();
    let register = |flag: &str| {
        let text = format!(
            "iin,full_name,birth_date,unit,citizen,deceased,occupation\n\
             700501400175,A,1970-05-01,astana,{flag},false,\n"
        );
        register::read_register("r.csv", text.as_bytes(), &Units::new(&units))
            .map(|r| r[0].1.person.citizen)
            .map_err(|e| e.to_string())
    };
    for (flag, want) in [
        ("true", true),
        ("TRUE", true),
        ("False", false),
        ("false", false),
    ] {
        assert_eq!(register(flag), Ok(want), "{flag}");
    }
    for flag in ["yes", "1", "", "t", "truee"] {
        assert_eq!(
            register(flag),
            Err(format!(
                "r.csv:2: field `citizen`: `{flag}` is not true or false"
            )),
            "{flag}"
        );
    }
    let ledger = "id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n\
                  d1,2008-03-01,azat,citizen,A,2000,Y,true\n";
    let e = finance::read_ledger("l.csv", ledger.as_bytes(), &days()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "l.csv:2: field `written_confirmation`: `Y` is not true or false"
    );
}

/// A 1 MB value comes back as a short quote, not a 1 MB line; names are capped.
#[test]
fn long_values_are_refused_and_quoted_short() {
    let long = "x".repeat(1_000_000);
    let e = votes::read_lists("v.csv", format!("party,votes\nA,{long}\n").as_bytes()).unwrap_err();
    let why = e.to_string();
    assert!(why.len() < 200, "{} bytes", why.len());
    assert_eq!(
        why,
        format!(
            "v.csv:2: field `votes`: `{}… (999960 more characters)` is longer than 2000 characters",
            "x".repeat(40)
        )
    );
    let name = "n".repeat(saylau_formats::NAME_CHARS + 1);
    let e = votes::read_lists("v.csv", format!("party,votes\n{name},1\n").as_bytes()).unwrap_err();
    assert!(
        e.to_string().ends_with("is longer than 200 characters"),
        "{e}"
    );
    let name = "n".repeat(saylau_formats::NAME_CHARS);
    assert!(votes::read_lists("v.csv", format!("party,votes\n{name},1\n").as_bytes()).is_ok());
}

/// A file with bad rows is refused whole: the count and the first five, in the file's order.
#[test]
fn bad_rows_are_counted_and_the_first_five_quoted() {
    let mut text = String::from("iin,signed_on\n");
    for i in 1..=7 {
        text.push_str(&format!("700501400175,2009-04-3{i}\n"));
    }
    let e = register::read_members("m.csv", text.as_bytes(), &days()).unwrap_err();
    assert_eq!(e.count, 7);
    assert_eq!(e.first.len(), 5);
    let why = e.to_string();
    assert!(
        why.starts_with("m.csv: 7 bad rows or values, nothing was decided: m.csv:2: field `signed_on`: `2009-04-31` is not a day of the calendar; m.csv:3:"),
        "{why}"
    );
    assert!(why.ends_with("; and 2 more"), "{why}");
    assert!(
        why.contains("m.csv:6: field `signed_on`: `2009-04-35` is not a day of the calendar"),
        "{why}"
    );
    assert!(!why.contains("m.csv:7:"), "{why}");
}

/// Dates of legal acts are days the law covers; a person's birth date need only be real.
/// A party, candidate, list number or donation id given twice is refused, naming the line
/// it was first given on; names compare in any case.
#[test]
fn a_name_or_id_given_twice_names_its_first_line() {
    let e = votes::read_lists(
        "v.csv",
        b"party,votes\nNUR OTAN,100\nAk Zhol,40\nnur otan,3\n",
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "v.csv:4: field `party`: `nur otan` is listed twice (also on line 2)"
    );
    let e = votes::read_lists("v.csv", b"party,votes,list_number\nA,1,2\nB,1,1\nC,1,2\n")
        .unwrap_err()
        .to_string();
    assert_eq!(e, "v.csv:4: field `list_number`: 2 is also given on line 2");
    let e = votes::read_tally("t.csv", b"candidate,votes\nA,1\nB,2\nb,3\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "t.csv:4: field `candidate`: `b` is listed twice (also on line 3)"
    );
    let e = finance::read_ledger(
        "l.csv",
        b"id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n\
          d1,2008-03-01,azat,citizen,A,2000,true,true\n\
          d2,2008-03-01,azat,citizen,A,2000,true,true\n\
          d1,2008-03-02,azat,citizen,B,700,false,true\n",
        &days(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(e, "l.csv:4: field `id`: `d1` is also used on line 2");
}

#[test]
fn dates_of_acts_are_within_the_law_and_birth_dates_are_real_days() {
    let ledger = "id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n\
                  d1,1800-01-01,azat,citizen,A,2000,true,true\n";
    let e = finance::read_ledger("l.csv", ledger.as_bytes(), &days()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "l.csv:2: field `date`: 1800-01-01 is before the days the law covers (from 1993-01-28, the rulebook's earliest act, on)"
    );
    let units = units();
    let iin = saylau_core::parties::iin::Iin::from_parts(
        jiff::civil::date(1800, 1, 1),
        saylau_core::parties::iin::Sex::Male,
        1,
    )
    .unwrap();
    let old = format!(
        "iin,full_name,birth_date,unit,citizen,deceased,occupation\n{iin},Old,1800-01-01,astana,true,true,\n"
    );
    let rows = register::read_register("r.csv", old.as_bytes(), &Units::new(&units)).unwrap();
    assert_eq!(rows[0].1.person.birth_date, jiff::civil::date(1800, 1, 1));
    let bad = old.replace("1800-01-01", "1800-02-30");
    let e = register::read_register("r.csv", bad.as_bytes(), &Units::new(&units)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "r.csv:2: field `birth_date`: `1800-02-30` is not a day of the calendar"
    );
}

/// The register's units are the rulebook's on the law date, handed to the reader.
#[test]
fn register_units_come_from_the_list_given() {
    let text = "iin,full_name,birth_date,unit,citizen,deceased,occupation\n\
                700501400175,A,1970-05-01,new_region,true,false,\n";
    let e = register::read_register("r.csv", text.as_bytes(), &Units::new(&units())).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "r.csv:2: field `unit`: `new_region` is not a unit in force (akmola, aktobe,"
        ),
        "{e}"
    );
    let later = vec!["astana".to_string(), "new_region".to_string()];
    let rows = register::read_register("r.csv", text.as_bytes(), &Units::new(&later)).unwrap();
    assert_eq!(rows[0].1.person.unit, 1);
}

fn body_error(e: FormatError) -> String {
    e.to_string()
}

/// The JSON bodies: objects only, no unknown field, enums by name, dates as strings the law
/// covers, no control character, capped text, no key twice.
#[test]
fn json_bodies_are_read_strictly() {
    let days = days();
    let login = |b: &str| bodies::read_login("body", b.as_bytes()).map_err(body_error);
    let event = |b: &str| bodies::read_event("body", b.as_bytes(), &days).map_err(body_error);
    let cases: Vec<(Result<(), String>, &str)> = vec![
        // A login sent as an array.
        (login(r#"["admin", "password"]"#).map(|_| ()), "body:1: an array where an object is expected"),
        // An event sent as an array, or as a string: said in JSON's words, not the type's.
        (event("[]").map(|_| ()), "body:1: an array where an object is expected"),
        (event("\"bill\"").map(|_| ()), "body:1: invalid type: string \"bill\", expected a JSON object"),
        (
            login(r#"{"name": "admin", "password": "x", "remember": true}"#).map(|_| ()),
            "body:1: field `remember`: not a field here (expected `name` or `password`)",
        ),
        (
            login("{\"name\": \"admin\",\n \"name\": \"root\", \"password\": \"x\"}").map(|_| ()),
            "body:2: the key `name` is given twice; saylau does not guess which one is meant",
        ),
        // An event's kind by its position: serde reads 16 as the seventeenth kind.
        (
            event(r#"{"date": "2009-06-10", "kind": 16, "bill": "b", "title": "On X"}"#).map(|_| ()),
            "body:1: field `kind`: `16` is a number where a string is expected (names, kinds and dates are written as strings, such as \"2009-07-15\")",
        ),
        // A date as a number: serde read 2010 as the year.
        (
            event("{\"date\": 2010,\n \"kind\": \"bill_introduced\", \"bill\": \"b\", \"title\": \"On X\"}").map(|_| ()),
            "body:1: field `date`: `2010` is a number where a string is expected (names, kinds and dates are written as strings, such as \"2009-07-15\")",
        ),
        // A NUL inside a title reached the HTML and journal.csv.
        (
            event("{\"date\": \"2009-06-10\", \"kind\": \"bill_introduced\", \"bill\": \"b\",\n \"title\": \"On\\u0000X\"}").map(|_| ()),
            "body:2: field `title`: `On\\u{0}X` holds the control or invisible character \\u{0}, which saylau does not accept in text",
        ),
        (
            event(r#"{"date": "1800-01-01", "kind": "bill_introduced", "bill": "b", "title": "On X"}"#).map(|_| ()),
            "body:1: field `date`: 1800-01-01 is before the days the law covers (from 1993-01-28, the rulebook's earliest act, on)",
        ),
        (
            event(r#"{"date": "2009-06-10", "kind": "bill_introduced", "bill": "b", "title": "On X", "sponsor": "me"}"#).map(|_| ()),
            "body:1: field `sponsor`: not a field here (expected `bill` or `title`)",
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, Err(want.to_string()));
    }
    let title = "t".repeat(saylau_formats::TEXT_CHARS + 1);
    let e = event(&format!(
        r#"{{"date": "2009-06-10", "kind": "bill_introduced", "bill": "b", "title": "{title}"}}"#
    ))
    .unwrap_err();
    assert!(e.starts_with("body:1: field `title`: `tttt"), "{e}");
    assert!(e.ends_with("is longer than 2000 characters"), "{e}");
    assert!(
        event(r#"{"date": "2009-06", "kind": "bill_introduced", "bill": "b", "title": "On X"}"#)
            .is_ok()
    );
}

/// A document sent in a JSON string (a charter's or a reform's `text`) may hold line ends and
/// is capped at `DOCUMENT_CHARS`; every other string, and any other control character in a
/// document, is refused as before.
#[test]
fn documents_in_bodies_may_hold_line_ends_and_nothing_else() {
    #[derive(serde::Deserialize, serde::Serialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        title: String,
        text: String,
    }
    let read =
        |b: &str| saylau_formats::json::read::<Doc>("body", b.as_bytes()).map_err(body_error);
    let doc =
        read(r##"{"title": "Charter", "text": "# Name\r\nThe party\n\tis named."}"##).unwrap();
    assert_eq!(doc.text, "# Name\r\nThe party\n\tis named.");
    assert_eq!(
        read(r#"{"title": "Two\nlines", "text": ""}"#).unwrap_err(),
        "body:1: field `title`: `Two\\nlines` holds the control or invisible character \\n, which saylau does not accept in text"
    );
    assert_eq!(
        read("{\"title\": \"Charter\",\n \"text\": \"one\\ntwo\\u202e\"}").unwrap_err(),
        "body:2: field `text`: line 2 of the document holds the control or invisible character \\u{202e}, which saylau does not accept in text"
    );
    assert_eq!(
        read(r#"{"title": "Charter", "text": "a\rb"}"#).unwrap_err(),
        "body:1: field `text`: line 1 of the document holds the control or invisible character \\r, which saylau does not accept in text"
    );
    let long = "я".repeat(saylau_formats::DOCUMENT_CHARS + 1);
    assert_eq!(
        read(&format!(r#"{{"title": "Charter", "text": "{long}"}}"#)).unwrap_err(),
        format!(
            "body:1: field `text`: the document is longer than {} characters",
            saylau_formats::DOCUMENT_CHARS
        )
    );
}

#[test]
fn member_list_bodies_are_read_as_the_csv_files_are() {
    let days = days();
    let units = units();
    let body = |members: &str, register: &str, others: &str, committee: &str| {
        format!(
            r#"{{"party": "azat", "date": "2009-07-15", "committee_registered": "{committee}", "founders": 1000,
 "members": [{members}],
 "register": [{register}],
 "other_party_members": [{others}]}}"#
        )
    };
    let good_member =
        r#"{"iin": "700501400175", "signed_on": "2009-04-01", "full_name": "ignored"}"#;
    let good_entry = r#"{"iin": "700501400175", "full_name": "A", "birth_date": "1970-05-01", "unit": "astana", "citizen": true, "deceased": false, "occupation": ""}"#;
    let text = body(good_member, good_entry, r#""870215301235""#, "2009-03-02");
    let list = bodies::read_member_list("body", text.as_bytes(), &days).unwrap();
    assert_eq!(list.members.len(), 1);
    assert_eq!(
        list.register("body", text.as_bytes(), &Units::new(&units))
            .unwrap()
            .len(),
        1
    );

    // An invalid IIN among the other parties' members is named by its index.
    let text = body(
        good_member,
        good_entry,
        r#""870215301235", "123""#,
        "2009-03-02",
    );
    let e = bodies::read_member_list("body", text.as_bytes(), &days).unwrap_err();
    assert_eq!(
        e.to_string(),
        "body:4: field `other_party_members[1]`: `123` is not a valid IIN: an IIN has 12 digits, this one has 3"
    );
    // A committee registered in 1800.
    let text = body(good_member, good_entry, "", "1800-01-01");
    let e = bodies::read_member_list("body", text.as_bytes(), &days).unwrap_err();
    assert_eq!(
        e.to_string(),
        "body:1: field `committee_registered`: 1800-01-01 is before the days the law covers (from 1993-01-28, the rulebook's earliest act, on)"
    );
    // A register entry's unit not in force, and a flag as a string.
    let text = body(
        good_member,
        &good_entry.replace("astana", "atlantis"),
        "",
        "2009-03-02",
    );
    let list = bodies::read_member_list("body", text.as_bytes(), &days).unwrap();
    let e = list
        .register("body", text.as_bytes(), &Units::new(&units))
        .unwrap_err();
    assert!(
        e.to_string().starts_with(
            "body:3: field `register[0].unit`: `atlantis` is not a unit in force (akmola,"
        ),
        "{e}"
    );
    let text = body(
        good_member,
        &good_entry.replace("\"citizen\": true", "\"citizen\": \"true\""),
        "",
        "2009-03-02",
    );
    let e = bodies::read_member_list("body", text.as_bytes(), &days).unwrap_err();
    assert_eq!(
        e.to_string(),
        "body:3: field `register[0].citizen`: invalid type: string \"true\", expected a boolean"
    );
    // Unknown fields on members.
    let text = body(
        &good_member.replace("full_name", "claimed_unit"),
        good_entry,
        "",
        "2009-03-02",
    );
    let e = bodies::read_member_list("body", text.as_bytes(), &days).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("body:2: field `members[0].claimed_unit`: not a field here"),
        "{e}"
    );
}

#[test]
fn ledger_bodies_refuse_unknown_fields_and_check_rows_as_the_csv() {
    let days = days();
    let good = r#"{"party": "azat", "donations": [{"id": "d1", "date": "2009-06-10", "party": "azat", "donor_kind": "citizen", "donor": "A", "amount_kzt": 1000, "written_confirmation": true, "source_stated": true}]}"#;
    assert_eq!(
        bodies::read_ledger("body", good.as_bytes(), &days)
            .unwrap()
            .donations
            .len(),
        1
    );
    let e = bodies::read_ledger(
        "body",
        good.replace("}]}", ", \"memo\": \"x\"}]}").as_bytes(),
        &days,
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with(
            "body:1: field `donations[0].memo`: not a field here (expected one of `id`,"
        ),
        "{e}"
    );
    let e = bodies::read_ledger(
        "body",
        good.replace("citizen", "oligarch").as_bytes(),
        &days,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("body:1: field `donations[0].donor_kind`: `oligarch` is not a donor kind"),
        "{e}"
    );
}

/// TOML files: escapes that decode to control characters, named by line and key; the
/// candidate file's unknown keys and bad dates.
#[test]
fn toml_files_are_checked_as_text_then_read() {
    let reform = "[reform]\nname = \"x\"\ndescription = \"evil\\u001b]0;t\\u0007\"\n";
    let e = text::read_reform("r.toml", reform.as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "r.toml:3: field `reform.description`: `evil\\u{1b}]0;t\\u{7}` holds the control or invisible character \\u{1b}, which saylau does not accept in text"
    );
    let candidate = "name = \"A\"\nbirth_date = 1960-01-01\ncitizen = true\nstate_language = true\nresidence_years = 20\nparty = \"x\"\n";
    let e = text::read_candidate("c.toml", candidate.as_bytes()).unwrap_err();
    assert!(
        e.to_string().starts_with("c.toml:6: unknown field `party`"),
        "{e}"
    );
    let candidate = "name = \"A\"\nbirth_date = 1960-02-30\ncitizen = true\nstate_language = true\nresidence_years = 20\n";
    let e = text::read_candidate("c.toml", candidate.as_bytes()).unwrap_err();
    assert!(e.to_string().starts_with("c.toml:2:"), "{e}");
    let candidate = "name = \"A\"\nbirth_date = \"1960-01-01\"\ncitizen = true\nstate_language = true\nresidence_years = 20\n";
    assert!(text::read_candidate("c.toml", candidate.as_bytes()).is_err());
    let good = "name = \"A\"\nbirth_date = 1960-01-01\ncitizen = true\nstate_language = true\nresidence_years = 20\nterms = [{ start = 1991-12-10, end = 1999-01-20 }]\n";
    assert_eq!(
        text::read_candidate("c.toml", good.as_bytes())
            .unwrap()
            .terms
            .len(),
        1
    );
}

#[test]
fn the_built_in_files_pass_their_own_checks() {
    for (name, text) in builtin::LAW_FILES
        .iter()
        .chain(builtin::DATA_FILES)
        .chain([&builtin::JOURNAL])
    {
        text::read_toml_text(name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    for (_, name, text) in builtin::REFORMS {
        text::read_reform(name, text.as_bytes()).unwrap();
    }
}

/// A journal file: a kind by its position or a date as a number are refused, as in JSON.
#[test]
fn journal_files_name_kinds_and_dates_as_strings() {
    let good = "[[entry]]\ndate = 2009-06-10\nkind = \"bill_introduced\"\nbill = \"b\"\ntitle = \"On X\"\n";
    assert_eq!(
        text::read_journal("j.toml", good.as_bytes(), false)
            .unwrap()
            .len(),
        1
    );
    let e = text::read_journal(
        "j.toml",
        good.replace("\"bill_introduced\"", "16").as_bytes(),
        false,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "j.toml:3: field `entry[0].kind`: `16` is not a kind's name, a string such as \"bill_introduced\""
    );
    let e = text::read_journal(
        "j.toml",
        good.replace("2009-06-10", "2010").as_bytes(),
        false,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("j.toml:2: field `entry[0].date`: `2010` is not a date"),
        "{e}"
    );
    let e =
        text::read_journal("j.toml", good.replace("title", "titel").as_bytes(), false).unwrap_err();
    assert!(
        e.to_string().starts_with("j.toml:1: unknown field `titel`"),
        "{e}"
    );
}
