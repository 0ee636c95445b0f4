//! The elections the service knows: those of the built-in data and those the journal records
//! (an election posted through the API), each computed by the core's one result builder, so
//! the API, the pages and their downloads show the same numbers.

use saylau_core::data::{Body, Election};
use saylau_core::elections::results::{
    self, Computed, ListElection, ListInput, WhatIf, list_votes,
};
use saylau_core::exact::FuzzyDate;
use saylau_core::law::Law;
use saylau_core::polity::journal::{Event, Verdict};
use serde::Serialize;

use crate::app::App;
use crate::error::ApiError;

/// An election the journal records that the built-in data does not hold.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub id: String,
    pub body: Body,
    pub date: FuzzyDate,
    /// Where the journal entry says its fact comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The lists and votes the entry gives (a Mazhilis election).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<(String, u64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participating: Option<u64>,
    /// Who was elected (a presidential election).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

impl Recorded {
    pub fn title(&self) -> String {
        match self.body {
            Body::Mazhilis => format!("Mazhilis election of {} (recorded)", self.date),
            Body::President => format!("Presidential election of {} (recorded)", self.date),
            Body::Senate => format!("Senate election of {} (recorded)", self.date),
        }
    }
}

/// An election by id: one of the data, or one the journal records.
#[derive(Debug, Clone)]
pub enum Known<'a> {
    Data(&'a Election),
    Recorded(Recorded),
}

impl Known<'_> {
    pub fn title(&self) -> String {
        match self {
            Known::Data(e) => e.title.clone(),
            Known::Recorded(r) => r.title(),
        }
    }
}

impl App {
    /// The elections the journal records, applied, that the data does not hold, in journal
    /// order.
    pub fn recorded_elections(&self) -> Result<Vec<Recorded>, ApiError> {
        self.with_journal(|snaps| {
            snaps
                .iter()
                .filter(|s| !matches!(*s.verdict, Verdict::Refused { .. }))
                .filter_map(|s| {
                    let (id, body, lists, participating, person) = match &s.entry.event {
                        Event::MazhilisElected {
                            election,
                            lists,
                            participating,
                            ..
                        } => (
                            election,
                            Body::Mazhilis,
                            lists.clone(),
                            *participating,
                            None,
                        ),
                        Event::PresidentElected { person, election } => (
                            election,
                            Body::President,
                            Vec::new(),
                            None,
                            Some(person.clone()),
                        ),
                        _ => return None,
                    };
                    if self.data.election(id).is_some() {
                        return None;
                    }
                    Some(Recorded {
                        id: id.clone(),
                        body,
                        date: s.entry.date,
                        source: s.entry.source.clone(),
                        lists,
                        participating,
                        person,
                    })
                })
                .collect()
        })
    }

    /// The election with this id, of the data or recorded in the journal.
    pub fn known_election(&self, id: &str) -> Result<Known<'_>, ApiError> {
        if let Some(e) = self.data.election(id) {
            return Ok(Known::Data(e));
        }
        self.recorded_elections()?
            .into_iter()
            .find(|r| r.id == id)
            .map(Known::Recorded)
            .ok_or_else(|| {
                ApiError::not_found(format!("no election `{}`", saylau_core::text::quote(id)))
            })
    }

    /// An election computed under the law of its day with `what_if` laid over it: the one
    /// answer the API, the page and its downloads give.
    pub fn compute(&self, known: &Known<'_>, what_if: &WhatIf) -> Result<Computed, ApiError> {
        let law = Law::new(&self.book, &[]);
        let bad = |e: &dyn std::fmt::Display| ApiError::bad_request(e.to_string());
        match known {
            Known::Data(e) => results::compute(law, e, what_if).map_err(|e| bad(&e)),
            Known::Recorded(r) => match r.body {
                Body::Mazhilis if r.date.earliest == r.date.latest && !r.lists.is_empty() => {
                    let mut input = ListInput::given(
                        r.source.as_deref().unwrap_or("recorded in the journal"),
                        list_votes(&r.lists),
                        r.participating,
                    );
                    input.election = Some(r.id.clone());
                    match ListElection::run(law, r.date.earliest, &input, what_if) {
                        Ok(result) => Ok(Computed::List(Box::new(result))),
                        Err(e) => Ok(Computed::NotComputed { why: e.to_string() }),
                    }
                }
                _ if !what_if.is_empty() => Err(ApiError::bad_request(format!(
                    "a what-if applies to a party-list election with its votes; `{}` is not one",
                    r.id
                ))),
                _ => Ok(Computed::NotComputed {
                    why: match &r.person {
                        Some(p) => format!(
                            "the journal records that {p} was elected on {}; it records no votes",
                            r.date
                        ),
                        None => "the journal records no votes for this election".to_string(),
                    },
                }),
            },
        }
    }
}
