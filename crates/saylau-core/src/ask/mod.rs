//! Questions and answers: each engine's question as plain data, and its one answer.
//!
//! A question is what a user brings: the command line reads it from files, the API from a JSON
//! body (`POST /api/ask/{kind}`), a legal case from its file. [`ask`] answers any of them by
//! kind, and every front end prints the answer's own serialization, so the CLI's JSON, the
//! API's body and a case's expectations are one value. Questions deserialize from JSON (dates as
//! ISO strings) and refuse unknown fields; a front end's reader adds its own strictness.
//!
//! ```
//! use saylau_core::{ask, builtin, law::Law};
//!
//! let book = builtin::rulebook().expect("the rulebook loads");
//! let question = serde_json::json!({
//!     "date": "2007-08-18",
//!     "votes": [{ "party": "A", "votes": 95 }, { "party": "B", "votes": 5 }]
//! });
//! let answer = ask::ask("mazhilis", &question, Law::new(&book, &[])).expect("an answer");
//! assert_eq!(answer.json["seats"]["A"], 98);
//! assert_eq!(answer.decided, ask::Decided::Allowed);
//! ```

mod elections;
mod parties;
mod polity;

use schemars::JsonSchema;
use serde::{Serialize, de::DeserializeOwned};

use crate::law::Law;

pub use elections::{
    AllocateQuestion, AssemblyQuestion, CandidateSpec, CandidateVotes, ContestSpec, ContestsAnswer,
    EligibilityQuestion, KurultaiQuestion, MaslikhatQuestion, MazhilisDistrictsQuestion,
    MazhilisQuestion, PresidentQuestion, SenateAnswer, SenateQuestion, TermSpec, VoteRow,
};
pub use parties::{
    CharterQuestion, LedgerQuestion, MemberSpec, OtherMemberSpec, RegisterSpec,
    RegistrationQuestion, SpendingQuestion, SpendingRow,
};
pub use polity::{EntryVerdict, JournalAnswer, JournalQuestion, LawQuestion};

/// How the law decided, for exit codes and for front ends that say it in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decided {
    /// Decided and allowed, or simply answered.
    Allowed,
    /// Decided and refused by the law.
    Refused,
    /// A tie the law leaves to lot.
    LotsRequired,
}

/// Why a question has no answer: the question is malformed, or the law cannot answer it (a
/// value unknown, not in force, or past the rulebook's horizon).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AskError {
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Law(String),
}

/// A question of one kind and its answer.
pub trait Question: DeserializeOwned + Serialize + JsonSchema {
    /// The kind's name, as in `POST /api/ask/{kind}` and a case's `kind`.
    const KIND: &'static str;
    type Answer: Serialize;
    fn answer(&self, law: Law<'_>) -> Result<Self::Answer, AskError>;
    fn decided(answer: &Self::Answer) -> Decided;
}

/// An answer as JSON, with how the law decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub json: serde_json::Value,
    pub decided: Decided,
}

/// The kinds of question [`ask`] answers.
pub const KINDS: &[&str] = &[
    MazhilisQuestion::KIND,
    KurultaiQuestion::KIND,
    AllocateQuestion::KIND,
    PresidentQuestion::KIND,
    EligibilityQuestion::KIND,
    SenateQuestion::KIND,
    AssemblyQuestion::KIND,
    MaslikhatQuestion::KIND,
    MazhilisDistrictsQuestion::KIND,
    LedgerQuestion::KIND,
    RegistrationQuestion::KIND,
    SpendingQuestion::KIND,
    CharterQuestion::KIND,
    LawQuestion::KIND,
    JournalQuestion::KIND,
];

/// How a front end reads a question of a given type from what it was sent: the core's
/// [`ask`] reads JSON values with serde; the API reads request bodies with its strict reader.
pub trait Reader {
    fn read<Q: Question>(&self) -> Result<Q, AskError>;
}

/// A JSON value read with serde, refusing unknown fields.
struct JsonReader<'a>(&'a serde_json::Value);

impl Reader for JsonReader<'_> {
    fn read<Q: Question>(&self) -> Result<Q, AskError> {
        serde_json::from_value(self.0.clone())
            .map_err(|e| AskError::Input(format!("{} question: {e}", Q::KIND)))
    }
}

/// Answers a question of `kind` given as JSON.
pub fn ask(kind: &str, question: &serde_json::Value, law: Law<'_>) -> Result<Answered, AskError> {
    ask_by(kind, &JsonReader(question), law)
}

/// Answers a question of `kind` read by `reader`.
pub fn ask_by(kind: &str, question: &impl Reader, law: Law<'_>) -> Result<Answered, AskError> {
    match kind {
        MazhilisQuestion::KIND => answered::<MazhilisQuestion>(question, law),
        KurultaiQuestion::KIND => answered::<KurultaiQuestion>(question, law),
        AllocateQuestion::KIND => answered::<AllocateQuestion>(question, law),
        PresidentQuestion::KIND => answered::<PresidentQuestion>(question, law),
        EligibilityQuestion::KIND => answered::<EligibilityQuestion>(question, law),
        SenateQuestion::KIND => answered::<SenateQuestion>(question, law),
        AssemblyQuestion::KIND => answered::<AssemblyQuestion>(question, law),
        MaslikhatQuestion::KIND => answered::<MaslikhatQuestion>(question, law),
        MazhilisDistrictsQuestion::KIND => answered::<MazhilisDistrictsQuestion>(question, law),
        LedgerQuestion::KIND => answered::<LedgerQuestion>(question, law),
        RegistrationQuestion::KIND => answered::<RegistrationQuestion>(question, law),
        SpendingQuestion::KIND => answered::<SpendingQuestion>(question, law),
        CharterQuestion::KIND => answered::<CharterQuestion>(question, law),
        LawQuestion::KIND => answered::<LawQuestion>(question, law),
        JournalQuestion::KIND => answered::<JournalQuestion>(question, law),
        other => Err(AskError::Input(format!(
            "no kind of question `{}` (the kinds are {})",
            crate::text::quote(other),
            KINDS.join(", ")
        ))),
    }
}

fn answered<Q: Question>(question: &impl Reader, law: Law<'_>) -> Result<Answered, AskError> {
    let q: Q = question.read()?;
    let answer = q.answer(law)?;
    Ok(Answered {
        json: serde_json::to_value(&answer).map_err(|e| AskError::Input(e.to_string()))?,
        decided: Q::decided(&answer),
    })
}

/// The law's error as an [`AskError`].
pub(crate) fn law(e: impl std::fmt::Display) -> AskError {
    AskError::Law(e.to_string())
}

/// A day as a question gives it: an ISO date string (a schema only; never built).
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
pub(crate) struct DaySchema(#[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))] String);

/// The JSON Schema of every kind's question, for a document that keeps its schemas under
/// `definitions` (`/components/schemas` in OpenAPI): `(kind, a $ref to its schema)` and every
/// schema they need, by name.
pub fn schemas(
    definitions: &str,
) -> (
    Vec<(&'static str, serde_json::Value)>,
    serde_json::Map<String, serde_json::Value>,
) {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = definitions.to_string().into();
            s.meta_schema = None;
        })
        .into_generator();
    let refs = vec![
        (
            MazhilisQuestion::KIND,
            generator.subschema_for::<MazhilisQuestion>().to_value(),
        ),
        (
            AllocateQuestion::KIND,
            generator.subschema_for::<AllocateQuestion>().to_value(),
        ),
        (
            PresidentQuestion::KIND,
            generator.subschema_for::<PresidentQuestion>().to_value(),
        ),
        (
            EligibilityQuestion::KIND,
            generator.subschema_for::<EligibilityQuestion>().to_value(),
        ),
        (
            SenateQuestion::KIND,
            generator.subschema_for::<SenateQuestion>().to_value(),
        ),
        (
            AssemblyQuestion::KIND,
            generator.subschema_for::<AssemblyQuestion>().to_value(),
        ),
        (
            MaslikhatQuestion::KIND,
            generator.subschema_for::<MaslikhatQuestion>().to_value(),
        ),
        (
            KurultaiQuestion::KIND,
            generator.subschema_for::<KurultaiQuestion>().to_value(),
        ),
        (
            MazhilisDistrictsQuestion::KIND,
            generator
                .subschema_for::<MazhilisDistrictsQuestion>()
                .to_value(),
        ),
        (
            LedgerQuestion::KIND,
            generator.subschema_for::<LedgerQuestion>().to_value(),
        ),
        (
            RegistrationQuestion::KIND,
            generator.subschema_for::<RegistrationQuestion>().to_value(),
        ),
        (
            SpendingQuestion::KIND,
            generator.subschema_for::<SpendingQuestion>().to_value(),
        ),
        (
            CharterQuestion::KIND,
            generator.subschema_for::<CharterQuestion>().to_value(),
        ),
        (
            LawQuestion::KIND,
            generator.subschema_for::<LawQuestion>().to_value(),
        ),
        (
            JournalQuestion::KIND,
            generator.subschema_for::<JournalQuestion>().to_value(),
        ),
    ];
    (refs, generator.take_definitions(true))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::builtin;

    #[test]
    fn every_kind_is_answered_by_name_and_an_unknown_one_is_refused() {
        let book = builtin::rulebook().unwrap();
        let law = Law::new(&book, &[]);
        let e = ask("coup", &serde_json::json!({}), law).unwrap_err();
        assert!(e.to_string().contains("no kind of question `coup`"), "{e}");
        for kind in KINDS {
            // An empty object is missing every required field: refused as input, naming the
            // kind, never answered with a default.
            let e = ask(kind, &serde_json::json!({ "unexpected": 1 }), law).unwrap_err();
            assert!(matches!(e, AskError::Input(_)), "{kind}: {e}");
            assert!(
                e.to_string().starts_with(&format!("{kind} question: ")),
                "{e}"
            );
        }
    }

    #[test]
    fn a_refusal_and_a_law_error_are_told_apart() {
        let book = builtin::rulebook().unwrap();
        let law = Law::new(&book, &[]);
        let q = serde_json::json!({
            "date": "2009-04-02",
            "candidate": { "name": "A", "birth_date": "1969-04-03", "citizen": true,
                           "state_language": true, "residence_years": 20 }
        });
        let a = ask("eligibility", &q, law).unwrap();
        assert_eq!(a.decided, Decided::Refused);
        assert_eq!(a.json["eligible"], false);
        let q = serde_json::json!({ "date": "2026-11-29", "votes": [{ "candidate": "A", "votes": 1 }] });
        let e = ask("president", &q, law).unwrap_err();
        assert!(
            matches!(&e, AskError::Law(m) if m.contains("not known after 2026-07-01")),
            "{e}"
        );
    }
}
