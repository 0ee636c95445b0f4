//! The JSON bodies of the API: a login, a journal event, a member list and a donations
//! ledger, each read by [`crate::json::read`] and then checked as its CSV twin is: the same
//! columns as fields, the same values, the same messages.
//!
//! Dates are strings `YYYY-MM-DD` (an event's may be `YYYY-MM` or `YYYY`) on days the law
//! covers ([`LawDays`]); a register's birth dates need only be days of the calendar.
//!
//! ```
//! use saylau_formats::bodies::read_login;
//!
//! let login = read_login("body", br#"{"name": "registrar", "password": "secret"}"#).expect("a login");
//! assert_eq!(login.name, "registrar");
//! let e = read_login("body", br#"["registrar", "secret"]"#).unwrap_err();
//! assert_eq!(e.to_string(), "body:1: an array where an object is expected");
//! ```

use jiff::civil::Date;
use saylau_core::parties::finance::Donation;
use saylau_core::parties::iin::{Iin, IinError};
use saylau_core::polity::journal::Entry;
use saylau_core::text::quote;
use serde::{Deserialize, Serialize};

use crate::cell::{self, LawDays};
use crate::finance::donor_kind_problem;
use crate::json::{self, Seg};
use crate::problem::{Bad, FormatError, Problems};
use crate::register::{RegisterEntry, Units, entry_of};

/// `POST /api/login`: `{"name", "password"}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub name: String,
    pub password: String,
}

/// Reads a login.
pub fn read_login(file: &str, bytes: &[u8]) -> Result<Login, FormatError> {
    let login: Login = json::read(file, bytes)?;
    if login.name.trim().is_empty() {
        return Err(json::problem(file, bytes, &[key("name")], "empty"));
    }
    Ok(login)
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// `POST /api/events`: one journal entry, `{"date", "kind", …the kind's fields, "source"?,
/// "note"?}`. `kind` is the name of a kind, never its position; `date` a string
/// (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) the law covers.
pub fn read_event(file: &str, bytes: &[u8], days: &LawDays) -> Result<Entry, FormatError> {
    let entry: Entry = json::read(file, bytes)?;
    if let Err(why) = days.check(entry.date.earliest) {
        return Err(json::problem(file, bytes, &[key("date")], why));
    }
    Ok(entry)
}

/// One member of a member list body: as a row of the CSV member list. `full_name` is
/// allowed and ignored, as the CSV's column is.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct MemberBody {
    iin: String,
    signed_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    full_name: Option<String>,
}

/// One entry of the register extract: the register's columns as fields.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RegisterBody {
    iin: String,
    full_name: String,
    birth_date: String,
    unit: String,
    citizen: bool,
    deceased: bool,
    occupation: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct MemberListBody {
    party: String,
    date: String,
    committee_registered: String,
    founders: u64,
    members: Vec<MemberBody>,
    register: Vec<RegisterBody>,
    #[serde(default)]
    other_party_members: Vec<String>,
}

/// One signature of a member list body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The IIN as written, trimmed.
    pub text: String,
    /// An invalid IIN is a finding (`invalid_iin`), not a bad body.
    pub iin: Result<Iin, IinError>,
    pub signed_on: Date,
}

/// `POST /api/member-lists`, read: everything but the register extract, whose units depend on
/// the law of `date` (see [`MemberList::register`]).
#[derive(Debug, Clone)]
pub struct MemberList {
    pub party: String,
    pub date: Date,
    pub committee_registered: Date,
    pub founders: u64,
    pub members: Vec<Member>,
    pub other_party_members: Vec<Iin>,
    register: Vec<RegisterBody>,
}

/// Reads a member list body:
/// `{"party", "date", "committee_registered", "founders", "members": [{"iin", "signed_on"}],
/// "register": [{"iin", "full_name", "birth_date", "unit", "citizen", "deceased",
/// "occupation"}], "other_party_members": ["IIN", …]}`. Every IIN of
/// `other_party_members` must be valid.
pub fn read_member_list(
    file: &str,
    bytes: &[u8],
    days: &LawDays,
) -> Result<MemberList, FormatError> {
    let body: MemberListBody = json::read(file, bytes)?;
    let mut problems = Problems::new(file);
    let mut law_day = |field: &str, text: &str| match days.day(text.as_bytes()) {
        Ok(d) => Some(d),
        Err(why) => {
            json::push(&mut problems, bytes, &[key(field)], why);
            None
        }
    };
    let date = law_day("date", &body.date);
    let committee_registered = law_day("committee_registered", &body.committee_registered);
    if let Err(why) = cell::name(&body.party) {
        json::push(&mut problems, bytes, &[key("party")], why);
    }
    let mut members = Vec::with_capacity(body.members.len());
    for (i, m) in body.members.iter().enumerate() {
        match days.day(m.signed_on.as_bytes()) {
            Ok(signed_on) => members.push(Member {
                text: m.iin.trim().to_string(),
                iin: Iin::parse(&m.iin),
                signed_on,
            }),
            Err(why) => json::push(
                &mut problems,
                bytes,
                &[key("members"), Seg::Index(i), key("signed_on")],
                why,
            ),
        }
    }
    let mut others = Vec::with_capacity(body.other_party_members.len());
    for (i, text) in body.other_party_members.iter().enumerate() {
        match crate::register::parse_iin(text.as_bytes()) {
            Ok(iin) => others.push(iin),
            Err(why) => json::push(
                &mut problems,
                bytes,
                &[key("other_party_members"), Seg::Index(i)],
                why,
            ),
        }
    }
    problems.check()?;
    let (Some(date), Some(committee_registered)) = (date, committee_registered) else {
        return Err(FormatError::at(file, None, None, "the dates are missing"));
    };
    Ok(MemberList {
        party: body.party.trim().to_string(),
        date,
        committee_registered,
        founders: body.founders,
        members,
        other_party_members: others,
        register: body.register,
    })
}

impl MemberList {
    /// The register extract, each entry read as a register row is, its unit one of `units`
    /// (those in force on the law date). `bytes` is the body, for the lines of messages.
    pub fn register(
        &self,
        file: &str,
        bytes: &[u8],
        units: &Units<'_>,
    ) -> Result<Vec<RegisterEntry>, FormatError> {
        let mut problems = Problems::new(file);
        let mut entries = Vec::with_capacity(self.register.len());
        for (i, r) in self.register.iter().enumerate() {
            let entry = entry_of(
                r.iin.as_bytes(),
                r.birth_date.as_bytes(),
                r.unit.as_bytes(),
                Ok(r.citizen),
                Ok(r.deceased),
                r.occupation.as_bytes(),
                units,
            );
            match entry {
                Ok(e) => entries.push(e),
                Err(Bad { field, why }) => json::push(
                    &mut problems,
                    bytes,
                    &[key("register"), Seg::Index(i), key(&field)],
                    why,
                ),
            }
        }
        problems.check()?;
        Ok(entries)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct DonationBody {
    id: String,
    date: String,
    party: String,
    donor_kind: String,
    donor: String,
    amount_kzt: u64,
    written_confirmation: bool,
    source_stated: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct LedgerBody {
    party: String,
    donations: Vec<DonationBody>,
}

/// `POST /api/ledgers`, read.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub party: String,
    pub donations: Vec<Donation>,
}

/// Reads a ledger body: `{"party", "donations": [{"id", "date", "party", "donor_kind",
/// "donor", "amount_kzt", "written_confirmation", "source_stated"}]}`, each donation checked
/// as a row of the CSV ledger is.
pub fn read_ledger(file: &str, bytes: &[u8], days: &LawDays) -> Result<Ledger, FormatError> {
    let body: LedgerBody = json::read(file, bytes)?;
    let mut problems = Problems::new(file);
    let at = |i: usize, field: &str| [key("donations"), Seg::Index(i), key(field)];
    if let Err(why) = cell::name(&body.party) {
        json::push(&mut problems, bytes, &[key("party")], why);
    }
    let mut donations: Vec<Donation> = Vec::with_capacity(body.donations.len());
    for (i, d) in body.donations.iter().enumerate() {
        let checked = (|| -> Result<Donation, (&str, String)> {
            let id = cell::name(&d.id).map_err(|w| ("id", w))?;
            if let Some(j) = donations.iter().position(|x| x.id == id) {
                return Err((
                    "id",
                    format!("`{}` is also used at donations[{j}]", quote(&id)),
                ));
            }
            let date = days.day(d.date.as_bytes()).map_err(|w| ("date", w))?;
            let party = cell::name(&d.party).map_err(|w| ("party", w))?;
            let donor_kind = cell::name(&d.donor_kind).map_err(|w| ("donor_kind", w))?;
            if let Some(why) = donor_kind_problem(&donor_kind) {
                return Err(("donor_kind", why));
            }
            Ok(Donation {
                id,
                date,
                party,
                donor_kind,
                donor: d.donor.trim().to_string(),
                amount_kzt: d.amount_kzt,
                written_confirmation: d.written_confirmation,
                source_stated: d.source_stated,
            })
        })();
        match checked {
            Ok(d) => donations.push(d),
            Err((field, why)) => json::push(&mut problems, bytes, &at(i, field), why),
        }
    }
    problems.check()?;
    Ok(Ledger {
        party: body.party.trim().to_string(),
        donations,
    })
}
