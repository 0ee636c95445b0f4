//! Party charters: does a charter, written as Markdown, have every section the law requires?
//!
//! What a charter must contain comes only from the rulebook (`party.charter_contents` in force
//! on the date asked about; the ids are [`CHARTER_CONTENTS`]). This module holds the wording
//! that recognises a section: for each content a human title and a vocabulary of words and
//! phrases that identify a heading as covering it. That table is vocabulary, not law: it says
//! how charters are usually worded, never what they must contain.
//!
//! A charter is read as one heading per section (ATX headings `#` … `######`; headings inside
//! fenced code blocks are not headings). A heading may name the contents it covers with
//! trailing markers such as `{#central_office}`; a marker always wins over the vocabulary. One
//! heading may cover several contents ("Name, purposes, objectives and symbols").
//!
//! ```
//! use saylau_core::{builtin, law::Law, parties::charter::{self, Decision}};
//! use jiff::civil::date;
//!
//! let book = builtin::rulebook().expect("the built-in rulebook loads");
//! let text = "# Charter\n## Name, purposes and symbols\n## Central office {#central_office}\n";
//! let result = charter::check_charter(Law::new(&book, &[]).at(date(2009, 6, 1)), text)
//!     .expect("the law is known in 2009");
//! assert_eq!(result.decision, Decision::Incomplete);
//! assert!(result.missing.iter().any(|m| m == "member_records"));
//! ```

use jiff::civil::Date;
use serde::Serialize;

use crate::law::{CHARTER_CONTENTS, LawAt, LawError, LawRef, Param};

/// A charter content's title and the vocabulary that recognises a heading as covering it.
///
/// Each vocabulary entry is a set of words that must all appear in the heading, in any order;
/// words are compared after lower-casing and reducing plurals (`rights` → `right`, `bodies` →
/// `body`), and everything but letters and digits (commas, "and", "of") is ignored.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    pub id: &'static str,
    pub title: &'static str,
    pub phrases: &'static [&'static str],
}

/// The wording table: one entry per id of [`CHARTER_CONTENTS`].
pub const VOCABULARY: &[Vocabulary] = &[
    Vocabulary {
        id: "name_purposes_symbols",
        title: "Name, purposes, objectives and symbols",
        phrases: &[
            "name",
            "purpose",
            "objective",
            "goal",
            "aim",
            "symbol",
            "symbolic",
            "symbolism",
            "emblem",
        ],
    },
    Vocabulary {
        id: "central_office",
        title: "Location of the central office",
        phrases: &[
            "central office",
            "head office",
            "headquarters",
            "location",
            "address",
            "seat of the party",
        ],
    },
    Vocabulary {
        id: "membership_acquisition_loss",
        title: "Acquisition and loss of membership",
        phrases: &[
            "acquisition membership",
            "acquiring membership",
            "loss membership",
            "losing membership",
            "termination membership",
            "admission",
            "joining",
            "leaving the party",
            "expulsion",
            "membership condition",
        ],
    },
    Vocabulary {
        id: "member_rights_obligations",
        title: "Rights and obligations of members",
        phrases: &[
            "right member",
            "obligation member",
            "duty member",
            "right obligation",
            "right duty",
            "right responsibility member",
        ],
    },
    Vocabulary {
        id: "member_records",
        title: "Recording of members",
        phrases: &[
            "record member",
            "recording member",
            "record membership",
            "recording membership",
            "member register",
            "register member",
            "registry member",
            "membership register",
            "accounting member",
        ],
    },
    Vocabulary {
        id: "establishment_reorganization_liquidation",
        title: "Establishment, reorganization and liquidation",
        phrases: &[
            "establishment",
            "establishing",
            "reorganization",
            "reorganisation",
            "reorganizing",
            "reorganising",
            "liquidation",
            "liquidating",
            "dissolution",
        ],
    },
    Vocabulary {
        id: "election_of_bodies",
        title: "Election of the managing and auditing bodies",
        phrases: &[
            "election body",
            "election authority",
            "election organ",
            "electing body",
            "electing authority",
            "electing organ",
            "election managing",
            "election auditing",
            "election governing",
        ],
    },
    Vocabulary {
        id: "term_and_competence_of_bodies",
        title: "Term and competence of the bodies",
        phrases: &[
            "competence",
            "term office",
            "term appointment",
            "term body",
            "term authority",
            "power body",
            "power authority",
        ],
    },
    Vocabulary {
        id: "charter_amendment",
        title: "Amendments and additions to the charter and programme",
        phrases: &[
            "amendment",
            "amending",
            "addition charter",
            "change charter",
            "changing charter",
        ],
    },
    Vocabulary {
        id: "candidate_nomination",
        title: "Nomination of candidates",
        phrases: &["nomination", "nominating", "candidate"],
    },
    Vocabulary {
        id: "money_and_property",
        title: "Rights to manage money and property",
        phrases: &["property", "money", "asset", "fund"],
    },
    Vocabulary {
        id: "financial_responsibility_reporting",
        title: "Financial responsibility and reporting",
        phrases: &[
            "financial responsibility",
            "financial liability",
            "financial report",
            "reporting",
            "report",
            "accountability",
        ],
    },
];

/// The wording for a charter content id, if the table has it.
pub fn vocabulary(id: &str) -> Option<&'static Vocabulary> {
    VOCABULARY.iter().find(|v| v.id == id)
}

/// An ATX heading of the charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// The 1-based line number in the Markdown text.
    pub line: usize,
    /// 1 for `#`, 6 for `######`.
    pub level: u8,
    /// The heading's text, without the `#`s and without markers.
    pub text: String,
    /// The content ids named by trailing `{#id}` markers, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<String>,
}

/// Where a heading is in the charter: what a result points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadingRef {
    pub line: usize,
    pub text: String,
}

impl From<&Heading> for HeadingRef {
    fn from(h: &Heading) -> HeadingRef {
        HeadingRef {
            line: h.line,
            text: h.text.clone(),
        }
    }
}

/// How a heading was found to cover a content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum MatchedBy {
    /// A `{#id}` marker on the heading.
    Marker,
    /// A vocabulary phrase whose words all appear in the heading.
    Vocabulary { phrase: &'static str },
}

/// One required content: whether the charter has it, and where.
#[derive(Debug, Clone, Serialize)]
pub struct ContentCheck {
    pub id: String,
    pub title: &'static str,
    pub found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<HeadingRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<MatchedBy>,
}

/// Whether the charter has every content the law requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Complete,
    Incomplete,
}

/// The charter checked against the law in force on a date.
#[derive(Debug, Clone, Serialize)]
pub struct CharterResult {
    pub date: Date,
    pub decision: Decision,
    /// The decision in one sentence, naming the rule it rests on.
    pub reason: String,
    /// Every required content, in the order the rulebook lists them.
    pub contents: Vec<ContentCheck>,
    /// The ids of the contents not found.
    pub missing: Vec<String>,
    /// Headings that cover no required content (a charter may contain other regulations).
    pub other_headings: Vec<HeadingRef>,
    pub law: Vec<LawRef>,
}

/// Why a charter cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CharterError {
    /// What a charter must contain is unknown, uncertain or not in force on the date.
    #[error("{0}")]
    Law(LawError),
    /// A heading's `{#id}` marker names no charter content.
    #[error("line {line}: heading marker `{{#{id}}}` names no charter content (known: {known})")]
    UnknownMarker {
        line: usize,
        id: String,
        known: String,
    },
    /// The rulebook requires a content this module has no title or vocabulary for.
    #[error("`party.charter_contents` names `{id}`, which has no vocabulary to recognise it")]
    NoVocabulary { id: String },
}

/// Checks a Markdown charter against `party.charter_contents` in force on `at.date`.
pub fn check_charter(at: LawAt<'_>, markdown: &str) -> Result<CharterResult, CharterError> {
    let required = at
        .list(Param::PartyCharterContents)
        .map_err(CharterError::Law)?;
    let headings = headings(markdown);
    for h in &headings {
        if let Some(id) = h
            .markers
            .iter()
            .find(|m| !CHARTER_CONTENTS.contains(&m.as_str()))
        {
            return Err(CharterError::UnknownMarker {
                line: h.line,
                id: id.clone(),
                known: CHARTER_CONTENTS.join(", "),
            });
        }
    }
    let words: Vec<Vec<String>> = headings.iter().map(|h| normalize(&h.text)).collect();

    let mut contents = Vec::with_capacity(required.value.len());
    let mut used = vec![false; headings.len()];
    for id in required.value {
        let vocab = vocabulary(id).ok_or_else(|| CharterError::NoVocabulary { id: id.clone() })?;
        let by_marker = headings
            .iter()
            .position(|h| h.markers.iter().any(|m| m == id))
            .map(|i| (i, MatchedBy::Marker));
        let found = by_marker.or_else(|| {
            headings.iter().enumerate().find_map(|(i, h)| {
                if !h.markers.is_empty() {
                    return None;
                }
                phrase_in(vocab, &words[i]).map(|phrase| (i, MatchedBy::Vocabulary { phrase }))
            })
        });
        if let Some((i, _)) = &found {
            used[*i] = true;
        }
        contents.push(ContentCheck {
            id: id.clone(),
            title: vocab.title,
            found: found.is_some(),
            heading: found.as_ref().map(|(i, _)| HeadingRef::from(&headings[*i])),
            matched_by: found.map(|(_, m)| m),
        });
    }
    let missing: Vec<String> = contents
        .iter()
        .filter(|c| !c.found)
        .map(|c| c.id.clone())
        .collect();
    let other_headings = headings
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(h, _)| HeadingRef::from(h))
        .collect();
    let rule = format!(
        "{} in force from {}",
        required.law.parameter, required.law.from
    );
    let (decision, reason) = if missing.is_empty() {
        (
            Decision::Complete,
            format!(
                "the charter has all {} contents the law requires ({rule})",
                contents.len()
            ),
        )
    } else {
        let titles: Vec<String> = contents
            .iter()
            .filter(|c| !c.found)
            .map(|c| format!("{} (`{}`)", c.title.to_lowercase(), c.id))
            .collect();
        (
            Decision::Incomplete,
            format!(
                "the charter lacks {} of the {} contents the law requires ({rule}): {}",
                missing.len(),
                contents.len(),
                titles.join("; ")
            ),
        )
    };
    Ok(CharterResult {
        date: at.date,
        decision,
        reason,
        contents,
        missing,
        other_headings,
        law: vec![required.law],
    })
}

/// The first vocabulary phrase whose words all appear among `words`.
fn phrase_in(vocab: &Vocabulary, words: &[String]) -> Option<&'static str> {
    vocab.phrases.iter().copied().find(|phrase| {
        normalize(phrase)
            .iter()
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .all(|w| words.contains(w))
    })
}

/// Words a phrase may contain for readability that a heading need not repeat.
const STOP_WORDS: &[&str] = &[
    "the", "of", "and", "a", "an", "to", "its", "for", "in", "on",
];

/// Lower-cased words with plurals reduced; hyphens join (`re-organization`), every other
/// character that is not a letter or digit separates.
fn normalize(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace(['\'', '’'], "");
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.replace('-', ""))
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w))
        .collect()
}

fn singular(word: &str) -> String {
    let chars = word.chars().count();
    if chars > 4
        && let Some(stem) = word.strip_suffix("ies")
    {
        return format!("{stem}y");
    }
    if chars > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// The ATX headings of a Markdown text, skipping fenced code blocks.
pub fn headings(markdown: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    // The open fence: its character and length.
    let mut fence: Option<(char, usize)> = None;
    for (index, raw) in markdown.lines().enumerate() {
        let line = index + 1;
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        if indent > 3 {
            continue;
        }
        let body = &raw[indent..];
        if let Some((ch, len)) = fence {
            let run = body.chars().take_while(|c| *c == ch).count();
            if run >= len && body[run * ch.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if let Some(ch) = ['`', '~'].into_iter().find(|c| body.starts_with(*c)) {
            let run = body.chars().take_while(|c| *c == ch).count();
            if run >= 3 {
                fence = Some((ch, run));
                continue;
            }
        }
        if let Some(h) = atx(body, line) {
            out.push(h);
        }
    }
    out
}

fn atx(body: &str, line: usize) -> Option<Heading> {
    let hashes = body.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &body[hashes..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let mut text = rest.trim();
    // An optional closing sequence of `#`s, preceded by a space.
    let closing = text.trim_end_matches('#');
    if closing.is_empty() {
        text = "";
    } else if closing.len() < text.len() && closing.ends_with([' ', '\t']) {
        text = closing.trim_end();
    }
    let (text, markers) = strip_markers(text);
    Some(Heading {
        line,
        level: u8::try_from(hashes).ok()?,
        text,
        markers,
    })
}

/// Splits trailing `{#id}` markers (one or more, or several ids in one pair of braces) off a
/// heading's text.
fn strip_markers(text: &str) -> (String, Vec<String>) {
    let mut rest = text.trim_end();
    let mut groups: Vec<Vec<String>> = Vec::new();
    while let Some(inner) = rest.strip_suffix('}') {
        let Some(open) = inner.rfind('{') else { break };
        let group = &inner[open + 1..];
        let ids: Vec<&str> = group.split_whitespace().collect();
        let all_markers = !ids.is_empty()
            && ids.iter().all(|i| {
                i.strip_prefix('#').is_some_and(|id| {
                    !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                })
            });
        if !all_markers {
            break;
        }
        groups.push(
            ids.iter()
                .map(|i| i.trim_start_matches('#').to_string())
                .collect(),
        );
        rest = inner[..open].trim_end();
    }
    groups.reverse();
    (rest.to_string(), groups.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::builtin;
    use crate::law::Law;
    use jiff::civil::date;

    fn check(text: &str) -> CharterResult {
        let book = builtin::rulebook().unwrap();
        check_charter(Law::new(&book, &[]).at(date(2009, 6, 1)), text).unwrap()
    }

    fn heading_of<'a>(r: &'a CharterResult, id: &str) -> Option<&'a HeadingRef> {
        r.contents
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.heading.as_ref())
    }

    #[test]
    fn every_content_has_wording() {
        for id in CHARTER_CONTENTS {
            let v = vocabulary(id).unwrap_or_else(|| panic!("no vocabulary for {id}"));
            assert!(!v.phrases.is_empty() && !v.title.is_empty());
        }
        assert_eq!(VOCABULARY.len(), CHARTER_CONTENTS.len());
    }

    #[test]
    fn each_title_covers_only_its_own_content() {
        for v in VOCABULARY {
            let r = check(&format!("# {}\n", v.title));
            let found: Vec<&str> = r
                .contents
                .iter()
                .filter(|c| c.found)
                .map(|c| c.id.as_str())
                .collect();
            assert_eq!(found, [v.id], "title `{}`", v.title);
        }
    }

    #[test]
    fn unrelated_headings_cover_nothing() {
        let r = check("# Preamble\n## Congress\n## Final provisions\n## Governing principles\n");
        assert!(r.contents.iter().all(|c| !c.found), "{:?}", r.contents);
        assert_eq!(r.other_headings.len(), 4);
        assert_eq!(r.missing.len(), r.contents.len());
    }

    #[test]
    fn reads_atx_headings_and_skips_fences() {
        let text = "Intro\n# One #\n  ## Two ##  \n####### seven\n#nospace\n```\n# code\n```\n~~~~\n## in tilde\n~~~\n## still code\n~~~~\n### Three {#central_office}\n";
        let hs = headings(text);
        let got: Vec<(usize, u8, &str)> = hs
            .iter()
            .map(|h| (h.line, h.level, h.text.as_str()))
            .collect();
        assert_eq!(got, [(2, 1, "One"), (3, 2, "Two"), (14, 3, "Three")]);
        assert_eq!(hs[2].markers, ["central_office"]);
    }

    #[test]
    fn markers_several_and_grouped() {
        let (text, ids) = strip_markers(
            "Odds and ends {#member_records} {#charter_amendment #money_and_property}",
        );
        assert_eq!(text, "Odds and ends");
        assert_eq!(
            ids,
            ["member_records", "charter_amendment", "money_and_property"]
        );
        let (text, ids) = strip_markers("Set {not a marker}");
        assert_eq!(text, "Set {not a marker}");
        assert!(ids.is_empty());
    }

    #[test]
    fn one_heading_covers_several_and_is_case_and_punctuation_blind() {
        let r = check("## NAME, PURPOSES, OBJECTIVES AND SYMBOLS\n## Members' rights & duties\n");
        assert_eq!(
            heading_of(&r, "name_purposes_symbols").map(|h| h.line),
            Some(1)
        );
        assert_eq!(
            heading_of(&r, "member_rights_obligations").map(|h| h.line),
            Some(2)
        );
        assert_eq!(r.decision, Decision::Incomplete);
        assert_eq!(r.missing.len(), 10);
        assert!(r.reason.contains("party.charter_contents"));
    }

    #[test]
    fn a_marker_wins_over_vocabulary() {
        // "Location" alone would cover the central office; the marker moves it to line 3, and a
        // marked heading is not read for vocabulary.
        let r = check(
            "# Location of branches {#money_and_property}\n# Misc\n# Where we sit {#central_office}\n",
        );
        assert_eq!(heading_of(&r, "central_office").map(|h| h.line), Some(3));
        assert_eq!(
            heading_of(&r, "money_and_property").map(|h| h.line),
            Some(1)
        );
        assert_eq!(r.other_headings.len(), 1);
        assert_eq!(r.other_headings[0].text, "Misc");
    }

    #[test]
    fn an_unknown_marker_is_refused_with_its_line() {
        let book = builtin::rulebook().unwrap();
        let e = check_charter(
            Law::new(&book, &[]).at(date(2009, 6, 1)),
            "# A\n# B {#headquarter}\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, CharterError::UnknownMarker { line: 2, .. }),
            "{e}"
        );
    }

    #[test]
    fn law_unknown_before_2002() {
        let book = builtin::rulebook().unwrap();
        let e = check_charter(Law::new(&book, &[]).at(date(2001, 1, 1)), "# Name\n").unwrap_err();
        assert!(e.to_string().contains("unknown"), "{e}");
    }

    #[test]
    fn plurals_and_hyphens() {
        assert_eq!(
            normalize("Re-organization of Bodies"),
            ["reorganization", "of", "body"]
        );
        assert_eq!(normalize("Address"), ["address"]);
    }
}
