//! The parameters a legislature can change: their names, kinds and meaning.
//!
//! This is the schema of the rulebook. It names every parameter the engines read and says what
//! kind of value it takes; the values themselves, with their dates and citations, live in the
//! TOML files under `law/`. No statutory number appears here.

use std::fmt;

/// What kind of value a parameter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number: seats, years, members.
    Count,
    /// A whole number, or `"none"` where the law sets no limit.
    OptionalCount,
    /// A percentage written as a string: `"7%"`.
    Percent,
    /// An exact ratio written as a string: `"0.7"` or `"1/2"`.
    Ratio,
    /// `true` or `false`.
    Flag,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// A list of words, each from the given set when one is given.
    List(Option<&'static [&'static str]>),
    /// A list of ids the rulebook itself defines (the units of the state): distinct, each a
    /// lowercase ASCII slug such as `north_kazakhstan`. No Rust constant lists them: the
    /// rulebook is their only owner.
    Ids,
    /// An amount and its currency: `"1200000 USD"`.
    Money,
    /// Who fills each office: a list of tables `{ office, proposer?, decider, act }`.
    Appointments,
    /// Who may remove the holder of each office: a list of tables `{ office, by }`.
    Dismissals,
    /// The chambers of parliament: a list of tables `{ id, name, seats }`, `seats` a list of
    /// tables `{ kind, count }` naming the kind of seat and the parameter that counts them.
    Chambers,
}

impl Kind {
    pub fn describe(&self) -> String {
        match self {
            Kind::Count => "a whole number".into(),
            Kind::OptionalCount => "a whole number or \"none\"".into(),
            Kind::Percent => "a percentage string such as \"7%\"".into(),
            Kind::Ratio => "a ratio string such as \"0.7\" or \"1/2\"".into(),
            Kind::Flag => "true or false".into(),
            Kind::Choice(options) => format!("one of {}", quote_list(options)),
            Kind::List(Some(options)) => format!("a list of {}", quote_list(options)),
            Kind::List(None) => "a list of strings".into(),
            Kind::Ids => {
                "a list of distinct ids such as \"north_kazakhstan\" (lowercase letters, digits, _)"
                    .into()
            }
            Kind::Money => "an amount and currency such as \"1200000 USD\"".into(),
            Kind::Appointments => format!(
                "a list of tables {{ office, proposer (optional), decider, act }}, act one of {}",
                quote_list(APPOINTMENT_ACTS)
            ),
            Kind::Dismissals => "a list of tables { office, by }".into(),
            Kind::Chambers => format!(
                "a list of tables {{ id, name, seats }}, seats a list of tables {{ kind, count }}, \
                 kind one of {} and count a whole-number parameter",
                quote_list(CHAMBER_SEAT_KINDS)
            ),
        }
    }
}

/// Whether `id` is a slug the rulebook may use as an id: lowercase ASCII letters, digits and
/// `_`, starting with a letter.
pub fn is_slug(id: &str) -> bool {
    id.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn quote_list(options: &[&str]) -> String {
    options
        .iter()
        .map(|o| format!("\"{o}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Allocation methods the engine implements, as written in the rulebook.
pub const METHODS: &[&str] = &[
    "hare",
    "droop",
    "dhondt",
    "sainte_lague",
    "modified_sainte_lague",
    "imperiali",
];

/// What the deciding office does in an appointment: appoints (alone or on a submission),
/// confirms (a vote of confidence), elects, or consents to the proposer's choice.
pub const APPOINTMENT_ACTS: &[&str] = &["appoints", "confirms", "elects", "consents"];

/// How the seats of a chamber are filled: by party lists, in single-member constituencies,
/// from the state list the president nominates (1994), by the Assembly of People, so many per
/// unit of the state (the maslikhats' electors), or by appointment.
pub const CHAMBER_SEAT_KINDS: &[&str] = &[
    "party_list",
    "single_member",
    "state_list",
    "assembly",
    "per_unit",
    "appointed",
];

/// Tie rules for equal remainders or quotients.
pub const TIE_RULES: &[&str] = &["earlier_registration", "lots"];

/// What a threshold percentage is taken of.
pub const THRESHOLD_BASES: &[&str] = &["participating_voters", "valid_votes"];

/// Rules for filling single seats by direct or indirect vote.
pub const SEAT_RULES: &[&str] = &["absolute_majority_with_repeat_vote", "plurality"];

/// Who takes over the presidency for the rest of a term.
pub const SUCCESSORS: &[&str] = &["senate_chair", "vice_president"];

/// Occupations whose holders may not be party members.
pub const OCCUPATIONS: &[&str] = &["military", "national_security", "law_enforcement", "judge"];

/// The contents a party charter must have, as the rulebook names them.
pub const CHARTER_CONTENTS: &[&str] = &[
    "name_purposes_symbols",
    "central_office",
    "membership_acquisition_loss",
    "member_rights_obligations",
    "member_records",
    "establishment_reorganization_liquidation",
    "election_of_bodies",
    "term_and_competence_of_bodies",
    "charter_amendment",
    "candidate_nomination",
    "money_and_property",
    "financial_responsibility_reporting",
];

/// Kinds of donor a party ledger records.
pub const DONOR_KINDS: &[&str] = &[
    "member_fee",
    "citizen",
    "domestic_ngo",
    "business_income",
    "foreign_state",
    "foreign_legal_entity",
    "international_org",
    "foreign_citizen",
    "stateless",
    "foreign_participation_entity",
    "state_body",
    "state_org",
    "religious_association",
    "charity",
    "anonymous",
    "intl_grant_funded_org",
];

macro_rules! params {
    ($( $variant:ident => $name:literal, $kind:expr, $doc:literal; )*) => {
        /// A parameter of the rulebook.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Param { $( $variant, )* }

        impl Param {
            /// Every parameter, in the order the rulebook lists them.
            pub const ALL: &'static [Param] = &[ $( Param::$variant, )* ];

            /// The dotted name used in the TOML files and on the command line.
            pub fn name(self) -> &'static str {
                match self { $( Param::$variant => $name, )* }
            }

            pub fn kind(self) -> Kind {
                match self { $( Param::$variant => $kind, )* }
            }

            /// What the parameter means, in one sentence.
            pub fn doc(self) -> &'static str {
                match self { $( Param::$variant => $doc, )* }
            }

            pub fn from_name(name: &str) -> Option<Param> {
                match name { $( $name => Some(Param::$variant), )* _ => None }
            }
        }
    };
}

params! {
    StateUnits => "state.units", Kind::Ids,
        "The regions and cities of republican status (the units of Senate seats and party membership).";

    ParliamentChambers => "parliament.chambers", Kind::Chambers,
        "The chambers of parliament and how each fills its seats.";

    MazhilisListSeats => "mazhilis.list_seats", Kind::Count,
        "Mazhilis deputies elected by party lists in one national constituency.";
    MazhilisSingleMemberSeats => "mazhilis.single_member_seats", Kind::Count,
        "Mazhilis deputies elected in single-member constituencies.";
    MazhilisSingleMemberSeatRule => "mazhilis.single_member_seat_rule", Kind::Choice(SEAT_RULES),
        "How a single-member constituency elects its Mazhilis deputy.";
    MazhilisAssemblySeats => "mazhilis.assembly_seats", Kind::Count,
        "Mazhilis deputies elected by the Assembly of People of Kazakhstan.";
    MazhilisTermYears => "mazhilis.term_years", Kind::Count,
        "Term of office of Mazhilis deputies, in years.";
    MazhilisThreshold => "mazhilis.threshold", Kind::Percent,
        "Share a party list needs to take part in the distribution of list seats.";
    MazhilisThresholdBase => "mazhilis.threshold_base", Kind::Choice(THRESHOLD_BASES),
        "What the threshold percentage is taken of.";
    MazhilisAllocationMethod => "mazhilis.allocation_method", Kind::Choice(METHODS),
        "How list seats are distributed among the admitted lists.";
    MazhilisTieRule => "mazhilis.tie_rule", Kind::Choice(TIE_RULES),
        "Who wins a seat when remainders are equal.";
    MazhilisRunnerUpRule => "mazhilis.runner_up_rule", Kind::Flag,
        "Whether the list with the next largest vote is admitted when only one list passes the threshold.";
    MazhilisRunnerUpCorrectionIndex => "mazhilis.runner_up_correction_index", Kind::Ratio,
        "Correction index applied to the runner-up's votes divided by the first quota.";
    MazhilisRunnerUpMinSeats => "mazhilis.runner_up_min_seats", Kind::Count,
        "Fewest seats the admitted runner-up list receives.";

    ReferendumParticipationMin => "referendum.participation_min", Kind::Percent,
        "Share of the registered voters that must be exceeded by those who take part for a referendum to be valid.";
    ReferendumApprovalMin => "referendum.approval_min", Kind::Percent,
        "Share of the voters who took part that must be exceeded by those voting yes for the decision to be adopted.";
    ReferendumUnitsShare => "referendum.units_share", Kind::Ratio,
        "Share of the units of the state in which more than half of those who took part must vote yes.";

    BallotAgainstAll => "ballot.against_all", Kind::Flag,
        "Whether ballots carry an 'against all' line: its votes count among the voters who took part and elect no one.";

    AssemblySeatRule => "assembly.seat_rule", Kind::Choice(SEAT_RULES),
        "How the Assembly of People elects its Mazhilis deputies.";
    AssemblyMajority => "assembly.majority", Kind::Percent,
        "Share of Assembly members voting that a candidate must exceed to be elected.";
    AssemblyRepeatVoteCandidatesPerSeat => "assembly.repeat_vote_candidates_per_seat", Kind::Count,
        "Candidates per unfilled seat who go to a repeat vote in the Assembly.";

    PresidentTermYears => "president.term_years", Kind::Count,
        "Term of office of the president, in years.";
    PresidentMinAge => "president.min_age", Kind::Count,
        "Youngest age at which a citizen may be elected president.";
    PresidentMaxAge => "president.max_age", Kind::OptionalCount,
        "Oldest age at which a citizen may be elected president, or none.";
    PresidentResidenceYears => "president.residence_years", Kind::Count,
        "Years a candidate must have lived in Kazakhstan immediately before the election.";
    PresidentCitizenshipRequired => "president.citizenship_required", Kind::Flag,
        "Whether a candidate must be a citizen of Kazakhstan.";
    PresidentStateLanguageRequired => "president.state_language_required", Kind::Flag,
        "Whether a candidate must speak the state language (Kazakh).";
    PresidentMaxConsecutiveTerms => "president.max_consecutive_terms", Kind::OptionalCount,
        "Most consecutive terms one person may serve, or none.";
    PresidentMaxTerms => "president.max_terms", Kind::OptionalCount,
        "Most times one person may be elected president under the rule in force, or none; terms begun before the rule took effect do not count.";
    PresidentSuccessor => "president.successor", Kind::Choice(SUCCESSORS),
        "Who holds the presidency for the rest of the term when the president leaves office early.";
    PresidentFirstPresidentExempt => "president.first_president_exempt", Kind::Flag,
        "Whether the first president is exempt from the term limit.";
    PresidentMajority => "president.majority", Kind::Percent,
        "Share of participating voters a candidate must exceed to be elected in the first round.";
    PresidentRunoffCandidates => "president.runoff_candidates", Kind::Count,
        "Candidates who go to a second round when nobody is elected in the first.";

    SupremeCouncilSingleMemberSeats => "supreme_council.single_member_seats", Kind::Count,
        "Deputies of the Supreme Council (1993 Constitution) elected in single-member constituencies.";
    SupremeCouncilStateListSeats => "supreme_council.state_list_seats", Kind::Count,
        "Deputies of the Supreme Council elected from the state list the president nominated.";

    KurultaiListSeats => "kurultai.list_seats", Kind::Count,
        "Kurultai deputies elected by party lists in one national constituency.";
    KurultaiTermYears => "kurultai.term_years", Kind::Count,
        "Term of office of the Kurultai, in years.";
    KurultaiThreshold => "kurultai.threshold", Kind::Percent,
        "Share a party list needs to take part in the distribution of Kurultai seats.";
    KurultaiThresholdBase => "kurultai.threshold_base", Kind::Choice(THRESHOLD_BASES),
        "What the Kurultai's threshold percentage is taken of.";
    KurultaiAllocationMethod => "kurultai.allocation_method", Kind::Choice(METHODS),
        "How the Kurultai's seats are distributed among the admitted lists.";
    KurultaiTieRule => "kurultai.tie_rule", Kind::Choice(TIE_RULES),
        "Who wins a Kurultai seat when remainders or quotients are equal.";

    SenateElectedPerUnit => "senate.elected_per_unit", Kind::Count,
        "Senators elected from each region, the capital and the city of Almaty.";
    SenateAppointedSeats => "senate.appointed_seats", Kind::Count,
        "Senators appointed by the president.";
    SenateAssemblyProposedSeats => "senate.assembly_proposed_seats", Kind::Count,
        "Of the appointed senators, how many the president appoints on the Assembly of People's proposal.";
    SenateTermYears => "senate.term_years", Kind::Count,
        "Term of office of senators, in years.";
    SenateRenewalShare => "senate.renewal_share", Kind::Ratio,
        "Share of the elected seats renewed at each regular Senate election.";
    SenateSeatRule => "senate.seat_rule", Kind::Choice(SEAT_RULES),
        "How maslikhat electors fill a unit's Senate seats.";
    SenateMajority => "senate.majority", Kind::Percent,
        "Share of electors voting that a candidate must exceed to be elected.";
    SenateRepeatVoteCandidatesPerSeat => "senate.repeat_vote_candidates_per_seat", Kind::Count,
        "Candidates per unfilled seat who go to a repeat vote of the electors.";

    MaslikhatSeatRule => "maslikhat.seat_rule", Kind::Choice(SEAT_RULES),
        "How maslikhat deputies are elected in their constituencies.";

    ConstitutionAmendmentInitiators => "constitution.amendment_initiators", Kind::List(None),
        "Offices at whose initiative parliament may amend the constitution.";
    PowersAppointments => "powers.appointments", Kind::Appointments,
        "Who fills each office: the office that decides and how (appoints, confirms, elects or \
         consents), and the office that proposes where one does.";
    PowersDismissals => "powers.dismissals", Kind::Dismissals,
        "Who may remove the holder of an office.";
    ParliamentDissolutionConsultees => "parliament.dissolution_consultees", Kind::List(None),
        "Offices the president must consult before dissolving parliament (their agreement is not needed).";
    GovernmentNoConfidenceBy => "government.no_confidence_by", Kind::List(None),
        "Chambers that may pass a vote of no confidence in the government.";
    LegislationStages => "legislation.stages", Kind::List(None),
        "The chambers a bill passes, in order, before the president signs, returns or vetoes it.";

    PartyFoundersMin => "party.founders_min", Kind::Count,
        "Citizens who must back the constituent congress's decision to found a party.";
    PartyCollectionWindowMonths => "party.collection_window_months", Kind::Count,
        "Months after the organizing committee's registration to collect members' signatures.";
    PartyMinMembers => "party.min_members", Kind::Count,
        "Members a party needs to be registered.";
    PartyMinMembersPerUnit => "party.min_members_per_unit", Kind::Count,
        "Members a party needs in each region, the capital and Almaty.";
    PartyCitizensOnly => "party.citizens_only", Kind::Flag,
        "Whether only citizens may be party members.";
    PartyOneMembership => "party.one_party_membership", Kind::Flag,
        "Whether a citizen may be a member of only one party.";
    PartyMemberMinAge => "party.member_min_age", Kind::Count,
        "Age in whole years a citizen must have reached to sign up as a party member.";
    PartyCharterContents => "party.charter_contents", Kind::List(Some(CHARTER_CONTENTS)),
        "What a party charter must contain.";
    PartyBarredOccupations => "party.barred_occupations", Kind::List(Some(OCCUPATIONS)),
        "Occupations whose holders may not be party members.";
    PartyReligiousAllowed => "party.religious_parties_allowed", Kind::Flag,
        "Whether religious parties may act.";
    PartyForeignAllowed => "party.foreign_parties_allowed", Kind::Flag,
        "Whether parties of other states may act.";
    PartyElectoralBlocsAllowed => "party.electoral_blocs_allowed", Kind::Flag,
        "Whether parties may form electoral coalitions or blocs.";

    FinancePermittedSources => "finance.permitted_sources", Kind::List(Some(DONOR_KINDS)),
        "Sources from which a party may receive money.";
    FinanceConfirmationRequired => "finance.confirmation_required", Kind::List(Some(DONOR_KINDS)),
        "Sources whose donations need written confirmation and a stated source.";
    FinanceForbiddenDonors => "finance.forbidden_donors", Kind::List(Some(DONOR_KINDS)),
        "Donors from whom parties and their branches may not receive money.";

    CampaignMazhilisAdvertisingCap => "campaign.mazhilis_advertising_cap", Kind::Money,
        "Most a party may spend on advertising in a Mazhilis election.";
    CampaignPresidentAdvertisingCap => "campaign.president_advertising_cap", Kind::Money,
        "Most a presidential candidate may spend on advertising.";
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
