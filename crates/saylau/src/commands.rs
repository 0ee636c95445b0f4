//! The commands: read inputs, call the core, render the result.

use jiff::civil::Date;
use saylau_core::builtin;
use saylau_core::elections::apportion::{Method, TieRule};
use saylau_core::elections::majority::{self, Contest};
use saylau_core::elections::mazhilis::{self, ListResult, ListVotes};
use saylau_core::elections::president::{self, Candidate, PresidentOutcome, Term};
use saylau_core::exact::fraction::Fraction;
use saylau_core::explain::Table;
use saylau_core::law::{Law, LawError, Param, Reform, Rulebook, Value};
use serde::Serialize;

use crate::input::{self, Csv, InputError, Result, read_source};
use crate::output;
use crate::{
    AllocateArgs, AssemblyArgs, Command, DataCommand, Done, Format, LawCommand, MaslikhatArgs,
    MazhilisArgs, MethodArg, PresidentArgs, PresidentCommand, SenateArgs, TieArg,
};

fn law_error(e: LawError) -> InputError {
    InputError(e.to_string())
}

fn builtin_votes(name: &str) -> Option<String> {
    crate::commands::data::votes_csv(name)
}

pub fn run(
    command: &Command,
    law_dir: Option<&str>,
    reform_specs: &[String],
    out: &mut String,
) -> Result<Done> {
    // Data commands do not need the rulebook, but every command checks the reforms it is given.
    let reforms = input::reforms(reform_specs)?;
    if let Command::Data(cmd) = command {
        return data::run(cmd, out);
    }
    if let Command::Iin(crate::IinCommand::Check { numbers, format }) = command {
        return crate::party::iin_check(numbers, *format, out);
    }
    let book = input::rulebook(law_dir)?;
    let law = Law::new(&book, &reforms);
    match command {
        Command::Law(cmd) => law_command(cmd, &book, &reforms, out),
        Command::State(args) => crate::polity::state(args, law, out),
        Command::Serve(args) => crate::service::serve(args),
        Command::User(cmd) => crate::service::user(cmd, out),
        Command::Journal(cmd) => crate::polity::journal(cmd, law, out),
        Command::Replay(args) => crate::polity::replay(args, &book, &reforms, out),
        Command::Mazhilis(args) => mazhilis_command(args, &book, &reforms, out),
        Command::Allocate(args) => allocate_command(args, out),
        Command::President(args) => president_command(args, law, out),
        Command::Senate(args) => senate_command(args, law, out),
        Command::Assembly(args) => assembly_command(args, law, out),
        Command::Maslikhat(args) => maslikhat_command(args, law, out),
        Command::Registration(crate::RegistrationCommand::Check(a)) => {
            let args = crate::registration::CheckArgs {
                date: a.date,
                law_date: a.law_date,
                members: &a.members,
                register: &a.register,
                other_members: a.other_members.as_deref(),
                party: a.party.as_deref(),
                founders: a.founders,
                committee_registered: a.committee_registered,
                rejected_out: a.rejected_out.as_deref(),
                format: a.format,
            };
            crate::registration::check(&args, law, out)
        }
        Command::Finance(crate::FinanceCommand::Check { donations, format }) => {
            crate::party::finance_check(donations, law, *format, out)
        }
        Command::Finance(crate::FinanceCommand::Spending(args)) => {
            crate::charter::finance_spending(args, law, out)
        }
        Command::Party(cmd) => crate::charter::party(cmd, law, out),
        Command::Synth(cmd) => crate::synth::run(cmd, law),
        Command::Data(_) | Command::Iin(_) => Ok(Done::Ok),
    }
}

// ---------------------------------------------------------------------------------------------
// law

fn law_command(
    cmd: &LawCommand,
    book: &Rulebook,
    reforms: &[Reform],
    out: &mut String,
) -> Result<Done> {
    let law = Law::new(book, reforms);
    match cmd {
        LawCommand::At { date, format } => {
            let rows: Vec<saylau_core::law::ParamAt> =
                Param::ALL.iter().map(|p| law.param_at(*p, *date)).collect();
            match format {
                Format::Json => output::json(
                    out,
                    &serde_json::json!({ "date": date.to_string(), "reforms": reform_names(reforms), "parameters": rows }),
                )?,
                Format::Table => {
                    out.push_str(&format!("The law on {date}"));
                    push_reforms(out, reforms);
                    out.push('\n');
                    let mut t = Table::new(vec!["parameter", "value", "from", "source"]);
                    for r in &rows {
                        let value = match (r.status.has_value(), &r.value) {
                            (true, Some(v)) => v.clone(),
                            _ => r.status.words().to_string(),
                        };
                        let source = match (&r.source, &r.why) {
                            (Some(s), _) => match &r.reform {
                                Some(name) => format!("[reform {name}] {s}"),
                                None => s.clone(),
                            },
                            (None, Some(w)) => w.clone(),
                            _ => String::new(),
                        };
                        t.row(vec![
                            r.parameter.into(),
                            value.into(),
                            r.from.clone().unwrap_or_else(|| "-".into()).into(),
                            source.into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Show { name, format } => {
            let Some(param) = Param::from_name(name) else {
                return Err(InputError(format!(
                    "unknown parameter `{name}` (`saylau law params` lists them)"
                )));
            };
            #[derive(Serialize)]
            struct Period {
                from: String,
                #[serde(skip_serializing_if = "Option::is_none")]
                until: Option<String>,
                value: String,
                source: String,
                #[serde(skip_serializing_if = "Option::is_none")]
                act: Option<String>,
                #[serde(skip_serializing_if = "Option::is_none")]
                note: Option<String>,
                #[serde(skip_serializing_if = "Option::is_none")]
                reform: Option<String>,
                origin: String,
            }
            let mut periods: Vec<Period> = Vec::new();
            let mut push = |e: &saylau_core::law::Entry, reform: Option<&str>| {
                periods.push(Period {
                    from: e.from.to_string(),
                    until: e.until.map(|d| d.to_string()),
                    value: e.value.to_string(),
                    source: e.source.clone(),
                    act: e.act.clone(),
                    note: e.note.clone(),
                    reform: reform.map(str::to_string),
                    origin: e.origin.clone(),
                });
            };
            for e in book.timeline(param) {
                push(e, None);
            }
            for r in reforms {
                for e in r.timeline(param) {
                    push(e, Some(&r.name));
                }
            }
            match format {
                Format::Json => output::json(
                    out,
                    &serde_json::json!({
                        "parameter": param.name(),
                        "meaning": param.doc(),
                        "kind": param.kind().describe(),
                        "timeline": periods,
                    }),
                )?,
                Format::Table => {
                    out.push_str(&format!("{}: {}\n", param.name(), param.doc()));
                    out.push_str(&format!("kind: {}\n\n", param.kind().describe()));
                    for p in &periods {
                        let until = p
                            .until
                            .as_ref()
                            .map(|u| format!(" until {u}"))
                            .unwrap_or_default();
                        let reform = p
                            .reform
                            .as_ref()
                            .map(|r| format!(" [reform {r}]"))
                            .unwrap_or_default();
                        out.push_str(&format!("from {}{until}: {}{reform}\n", p.from, p.value));
                        out.push_str(&format!("    source: {}\n", p.source));
                        if let Some(act) = &p.act {
                            let title = book.act(act).map(|a| a.title.as_str()).unwrap_or("");
                            out.push_str(&format!("    act: {act} ({title})\n"));
                        }
                        if let Some(note) = &p.note {
                            out.push_str(&format!("    note: {note}\n"));
                        }
                        out.push_str(&format!("    written at: {}\n", p.origin));
                    }
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Params { format } => {
            let rows: Vec<serde_json::Value> = Param::ALL
                .iter()
                .map(|p| serde_json::json!({"parameter": p.name(), "kind": p.kind().describe(), "meaning": p.doc()}))
                .collect();
            match format {
                Format::Json => output::json(out, &rows)?,
                Format::Table => {
                    let mut t = Table::new(vec!["parameter", "kind", "meaning"]);
                    for p in Param::ALL {
                        t.row(vec![
                            p.name().into(),
                            p.kind().describe().into(),
                            p.doc().into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Acts { format } => {
            match format {
                Format::Json => output::json(out, &book.acts())?,
                Format::Table => {
                    let mut t = Table::new(vec!["act", "date", "title", "source"]);
                    for a in book.acts() {
                        t.row(vec![
                            a.id.clone().into(),
                            a.date.to_string().into(),
                            a.title.clone().into(),
                            a.source.clone().into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Check => {
            let entries: usize = Param::ALL.iter().map(|p| book.timeline(*p).len()).sum();
            out.push_str(&format!(
                "ok: {} parameters, {entries} dated values, {} acts",
                Param::ALL.len(),
                book.acts().len()
            ));
            for r in reforms {
                out.push_str(&format!(
                    "; reform `{}` changes {}",
                    r.name,
                    r.params().map(|p| p.name()).collect::<Vec<_>>().join(", ")
                ));
            }
            out.push('\n');
            Ok(Done::Ok)
        }
    }
}

fn reform_names(reforms: &[Reform]) -> Vec<String> {
    reforms.iter().map(|r| r.name.clone()).collect()
}

fn push_reforms(out: &mut String, reforms: &[Reform]) {
    if !reforms.is_empty() {
        out.push_str(&format!(
            ", with reform {} applied",
            reforms
                .iter()
                .map(|r| format!("`{}`", r.name))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// party lists

/// Reads a `party,votes[,list_number]` CSV.
fn read_lists(spec: &str) -> Result<Vec<ListVotes>> {
    let source = read_source(spec, builtin_votes)?;
    let csv = Csv::parse(&source.name, &source.text, &["party", "votes"])?;
    let party = csv.column("party").unwrap_or(0);
    let votes = csv.column("votes").unwrap_or(1);
    let number = csv.column("list_number");
    let mut lists: Vec<ListVotes> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    for (i, row) in csv.rows.iter().enumerate() {
        let name = csv.text(row, party, "party")?;
        if let Some(j) = lists
            .iter()
            .position(|l| l.party.eq_ignore_ascii_case(&name))
        {
            return Err(InputError(format!(
                "{}:{}: field `party`: `{name}` is listed twice (also on line {})",
                csv.name, row.line, lines[j]
            )));
        }
        let v = csv.count(row, votes, "votes")?;
        let registration = match number {
            Some(c) => {
                let n = csv.count(row, c, "list_number")?;
                let n = u32::try_from(n).map_err(|_| {
                    InputError(format!(
                        "{}:{}: field `list_number`: `{n}` is too large",
                        csv.name, row.line
                    ))
                })?;
                if let Some(j) = lists.iter().position(|l| l.registration == n) {
                    return Err(InputError(format!(
                        "{}:{}: field `list_number`: {n} is also given on line {}",
                        csv.name, row.line, lines[j]
                    )));
                }
                n
            }
            None => u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        lists.push(ListVotes {
            party: name,
            votes: v,
            registration,
        });
        lines.push(row.line);
    }
    Ok(lists)
}

fn list_error(spec: &str, e: mazhilis::ListError) -> InputError {
    InputError(format!("{spec}: {e}"))
}

fn mazhilis_command(
    args: &MazhilisArgs,
    book: &Rulebook,
    reforms: &[Reform],
    out: &mut String,
) -> Result<Done> {
    let lists = read_lists(&args.votes)?;
    let run = |reforms: &[Reform]| -> Result<ListResult> {
        let law = Law::new(book, reforms).at(args.date);
        mazhilis::mazhilis(law, &lists, args.participating).map_err(|e| match e {
            mazhilis::ListError::Law(l) => law_error(l),
            other => list_error(&args.votes, other),
        })
    };
    if args.compare {
        if reforms.is_empty() {
            return Err(InputError(
                "--compare needs at least one --reform FILE".into(),
            ));
        }
        let enacted = run(&[])?;
        let reformed = run(reforms)?;
        match args.output.format {
            Format::Json => output::json(
                out,
                &serde_json::json!({ "enacted": enacted, "reformed": reformed }),
            )?,
            Format::Table => {
                out.push_str(&format!(
                    "Mazhilis party-list seats, election of {}: the law as enacted beside reform {}\n\n",
                    args.date,
                    reforms.iter().map(|r| format!("`{}`", r.name)).collect::<Vec<_>>().join(", ")
                ));
                let mut t = Table::new(vec![
                    "party",
                    "votes",
                    "seats (enacted)",
                    "seats (reform)",
                    "change",
                ]);
                for ((party, a), (_, b)) in enacted.seats.iter().zip(&reformed.seats) {
                    let votes = lists
                        .iter()
                        .find(|l| &l.party == party)
                        .map(|l| l.votes)
                        .unwrap_or(0);
                    let change = i128::from(*b) - i128::from(*a);
                    t.row(vec![
                        party.clone().into(),
                        votes.into(),
                        (*a).into(),
                        (*b).into(),
                        (if change == 0 {
                            "".to_string()
                        } else {
                            format!("{change:+}")
                        })
                        .into(),
                    ]);
                }
                output::table(out, &t);
                out.push_str(&format!(
                    "\nenacted: {}; reform: {}\n",
                    status_line(&enacted),
                    status_line(&reformed)
                ));
                if args.output.explain {
                    out.push_str("\nExplanation under the law as enacted\n");
                    out.push_str(&saylau_core::explain::render_text(&enacted.steps));
                    out.push_str("\nExplanation under the reform\n");
                    out.push_str(&saylau_core::explain::render_text(&reformed.steps));
                }
            }
        }
        return Ok(done_for(&enacted).max_with(done_for(&reformed)));
    }
    let result = run(reforms)?;
    render_list_result(
        &result,
        &lists,
        args.output.format,
        args.output.explain,
        "Mazhilis party-list seats",
        out,
    )?;
    Ok(done_for(&result))
}

impl Done {
    fn max_with(self, other: Done) -> Done {
        match (self, other) {
            (Done::LotsRequired, _) | (_, Done::LotsRequired) => Done::LotsRequired,
            _ => Done::Ok,
        }
    }
}

fn done_for(result: &ListResult) -> Done {
    if result.lots_required.is_some() {
        Done::LotsRequired
    } else {
        Done::Ok
    }
}

fn status_line(result: &ListResult) -> String {
    match &result.lots_required {
        Some(l) => format!(
            "drawing of lots required between {} for {} seat(s)",
            l.tied.join(", "),
            l.seats_at_stake
        ),
        None if result.status == "no_list_admitted" => {
            "no list reached the threshold; no seat distributed".into()
        }
        None => format!("complete, all {} seats distributed", result.total_seats),
    }
}

fn render_list_result(
    result: &ListResult,
    lists: &[ListVotes],
    format: Format,
    explain: bool,
    title: &str,
    out: &mut String,
) -> Result<()> {
    match format {
        Format::Json => output::json(out, result),
        Format::Table => {
            out.push_str(title);
            if let Some(date) = result.date {
                out.push_str(&format!(
                    ", election of {date}, under the law in force that day"
                ));
            }
            if !result.reforms.is_empty() {
                out.push_str(&format!(
                    " with reform {}",
                    result
                        .reforms
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            out.push('\n');
            let total: u64 = lists.iter().map(|l| l.votes).sum();
            let mut t = Table::new(vec!["party", "votes", "share", "admitted", "seats"]);
            for ((party, seats), list) in result.seats.iter().zip(lists) {
                let share = Fraction::new(u128::from(list.votes) * 100, u128::from(total.max(1)))
                    .map(|f| format!("{}%", f.to_decimal(2)))
                    .unwrap_or_default();
                let admitted = if result.admitted.contains(party) {
                    "yes"
                } else {
                    "no"
                };
                t.row(vec![
                    party.clone().into(),
                    list.votes.into(),
                    share.into(),
                    admitted.into(),
                    (*seats).into(),
                ]);
            }
            output::table(out, &t);
            out.push_str(&format!("\nStatus: {}\n", status_line(result)));
            if let Some(q) = &result.quota {
                let computed = q
                    .computed_as
                    .as_ref()
                    .map(|c| format!("{c} = "))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{}: {computed}{} ≈ {}\n",
                    capitalize(q.name),
                    q.exact,
                    q.decimal
                ));
            }
            if let Some(r) = &result.runner_up {
                out.push_str(&format!("Admitted by the runner-up rule: {r}\n"));
            }
            if let Some(other) = &result.other_seats
                && (other.assembly > 0 || other.single_member > 0)
            {
                out.push_str(&format!(
                    "Not distributed here: {} seats elected by the Assembly of People (`saylau assembly`), {} single-member seats.\n",
                    other.assembly, other.single_member
                ));
            }
            if explain {
                output::explanation(out, &result.steps);
            }
            Ok(())
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn allocate_command(args: &AllocateArgs, out: &mut String) -> Result<Done> {
    let lists = read_lists(&args.votes)?;
    let method = match args.method {
        MethodArg::Hare => Method::Hare,
        MethodArg::Droop => Method::Droop,
        MethodArg::Dhondt => Method::DHondt,
        MethodArg::SainteLague => Method::SainteLague,
        MethodArg::ModifiedSainteLague => Method::ModifiedSainteLague,
        MethodArg::Imperiali => Method::Imperiali,
    };
    let tie = match args.tie_rule {
        TieArg::EarlierRegistration => TieRule::EarlierRegistration,
        TieArg::Lots => TieRule::Lots,
    };
    if args.seats == 0 {
        return Err(InputError("--seats: must be at least 1".into()));
    }
    let threshold = match &args.threshold {
        Some(text) => {
            let t = text.trim().trim_end_matches('%');
            let Some(p) = Fraction::parse(t) else {
                return Err(InputError(format!(
                    "--threshold: `{text}` is not a percentage such as 7 or 3.5"
                )));
            };
            if p.checked_cmp(&Fraction::integer(100)) == Some(std::cmp::Ordering::Greater) {
                return Err(InputError(format!(
                    "--threshold: `{text}` is more than 100%"
                )));
            }
            Some((p, args.threshold_base))
        }
        None => None,
    };
    let result = mazhilis::allocate(&lists, args.seats, method, tie, threshold)
        .map_err(|e| list_error(&args.votes, e))?;
    render_list_result(
        &result,
        &lists,
        args.output.format,
        args.output.explain,
        "Seat allocation",
        out,
    )?;
    Ok(done_for(&result))
}

// ---------------------------------------------------------------------------------------------
// president

fn read_tally(spec: &str, name_column: &str) -> Result<Vec<(String, u64)>> {
    let source = read_source(spec, builtin_votes)?;
    let csv = Csv::parse(&source.name, &source.text, &[name_column, "votes"])?;
    let name_col = csv.column(name_column).unwrap_or(0);
    let votes_col = csv.column("votes").unwrap_or(1);
    let mut rows: Vec<(String, u64)> = Vec::new();
    let mut lines = Vec::new();
    for row in &csv.rows {
        let name = csv.text(row, name_col, name_column)?;
        if let Some(j) = rows.iter().position(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            return Err(InputError(format!(
                "{}:{}: field `{name_column}`: `{name}` is listed twice (also on line {})",
                csv.name, row.line, lines[j]
            )));
        }
        rows.push((name, csv.count(row, votes_col, "votes")?));
        lines.push(row.line);
    }
    Ok(rows)
}

fn president_command(args: &PresidentArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    if let Some(PresidentCommand::Eligible {
        date,
        candidate,
        output: fmt,
    }) = &args.eligible
    {
        let candidate = read_candidate(candidate)?;
        let result = president::eligibility(law.at(*date), &candidate).map_err(law_error)?;
        match fmt.format {
            Format::Json => output::json(out, &result)?,
            Format::Table => {
                out.push_str(&format!(
                    "{} on {date}: {}\n\n",
                    candidate.name,
                    if result.eligible {
                        "eligible"
                    } else {
                        "not eligible"
                    }
                ));
                let mut t = Table::new(vec!["criterion", "met", "finding"]);
                for r in &result.reasons {
                    t.row(vec![
                        r.criterion.into(),
                        (if r.met { "yes" } else { "no" }).into(),
                        r.says.clone().into(),
                    ]);
                }
                output::table(out, &t);
                if fmt.explain {
                    output::explanation(out, &result.steps);
                }
            }
        }
        return Ok(Done::Ok);
    }
    let (Some(date), Some(votes)) = (args.date, args.votes.as_ref()) else {
        return Err(InputError(
            "president: --date and --votes are required".into(),
        ));
    };
    let tally = read_tally(votes, "candidate")?;
    let cast: u64 = tally.iter().map(|(_, v)| *v).sum();
    let participating = args.participating.unwrap_or(cast);
    let result = president::first_round(law.at(date), &tally, participating)
        .map_err(|e| InputError(format!("{votes}: {e}")))?;
    let done = match &result.outcome {
        PresidentOutcome::Tie { .. } => Done::LotsRequired,
        _ => Done::Ok,
    };
    match args.output.format {
        Format::Json => {
            let (outcome, winner, second, tie) = match &result.outcome {
                PresidentOutcome::Elected { winner } => {
                    ("elected", Some(winner.clone()), None, None)
                }
                PresidentOutcome::SecondRound { candidates } => {
                    ("second_round", None, Some(candidates.clone()), None)
                }
                PresidentOutcome::Tie { tied, places } => (
                    "tie",
                    None,
                    None,
                    Some(serde_json::json!({"tied": tied, "places": places})),
                ),
            };
            output::json(
                out,
                &serde_json::json!({
                    "date": date.to_string(),
                    "reforms": law.reforms.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
                    "outcome": outcome,
                    "winner": winner,
                    "second_round": second,
                    "tie": tie,
                    "participating": result.participating,
                    "steps": result.steps,
                }),
            )?;
        }
        Format::Table => {
            out.push_str(&format!("Presidential election of {date}, first round\n"));
            let mut t = Table::new(vec!["candidate", "votes", "share of participating voters"]);
            for (name, v) in &tally {
                let share = Fraction::new(u128::from(*v) * 100, u128::from(participating.max(1)))
                    .map(|f| format!("{}%", f.to_decimal(2)))
                    .unwrap_or_default();
                t.row(vec![name.clone().into(), (*v).into(), share.into()]);
            }
            output::table(out, &t);
            out.push('\n');
            match &result.outcome {
                PresidentOutcome::Elected { winner } => out.push_str(&format!("Outcome: {winner} is elected\n")),
                PresidentOutcome::SecondRound { candidates } => {
                    out.push_str(&format!("Outcome: nobody has the majority; second round between {}\n", candidates.join(" and ")))
                }
                PresidentOutcome::Tie { tied, places } => out.push_str(&format!(
                    "Outcome: undecided: {} are tied for {places} place(s) in the second round, and the law names no tie rule\n",
                    tied.join(", ")
                )),
            }
            if args.output.explain {
                output::explanation(out, &result.steps);
            }
        }
    }
    Ok(done)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CandidateFile {
    name: String,
    birth_date: toml::value::Datetime,
    citizen: bool,
    state_language: bool,
    residence_years: u32,
    #[serde(default)]
    first_president: bool,
    #[serde(default)]
    terms: Vec<TermFile>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    start: toml::value::Datetime,
    end: toml::value::Datetime,
}

fn toml_date(file: &str, field: &str, dt: &toml::value::Datetime) -> Result<Date> {
    let bad = || {
        InputError(format!(
            "{file}: field `{field}`: `{dt}` is not a date such as 1971-04-03"
        ))
    };
    if dt.time.is_some() || dt.offset.is_some() {
        return Err(bad());
    }
    let d = dt.date.ok_or_else(bad)?;
    Date::new(
        i16::try_from(d.year).map_err(|_| bad())?,
        i8::try_from(d.month).map_err(|_| bad())?,
        i8::try_from(d.day).map_err(|_| bad())?,
    )
    .map_err(|_| bad())
}

fn read_candidate(spec: &str) -> Result<Candidate> {
    let source = read_source(spec, |_| None)?;
    let file: CandidateFile = toml::from_str(&source.text).map_err(|e| {
        let line = e.span().map(|s| {
            source.text[..s.start.min(source.text.len())]
                .lines()
                .count()
                .max(1)
        });
        let loc = line.map(|l| format!(":{l}")).unwrap_or_default();
        InputError(format!("{}{loc}: {}", source.name, e.message().trim()))
    })?;
    if file.name.trim().is_empty() {
        return Err(InputError(format!("{}: field `name`: empty", source.name)));
    }
    let mut terms = Vec::new();
    for (i, t) in file.terms.iter().enumerate() {
        let start = toml_date(&source.name, &format!("terms[{i}].start"), &t.start)?;
        let end = toml_date(&source.name, &format!("terms[{i}].end"), &t.end)?;
        if end < start {
            return Err(InputError(format!(
                "{}: field `terms[{i}]`: ends before it starts",
                source.name
            )));
        }
        terms.push(Term { start, end });
    }
    Ok(Candidate {
        name: file.name.trim().to_string(),
        birth_date: toml_date(&source.name, "birth_date", &file.birth_date)?,
        citizen: file.citizen,
        state_language: file.state_language,
        residence_years: file.residence_years,
        first_president: file.first_president,
        terms,
    })
}

// ---------------------------------------------------------------------------------------------
// indirect and local elections

fn render_contests(
    title: &str,
    results: &[majority::ContestResult],
    extra: Option<String>,
    format: Format,
    explain: bool,
    json_extra: serde_json::Value,
    out: &mut String,
) -> Result<Done> {
    let done = if results
        .iter()
        .any(|r| matches!(r.outcome, majority::ContestOutcome::Tie { .. }))
    {
        Done::LotsRequired
    } else {
        Done::Ok
    };
    match format {
        Format::Json => {
            let mut value = serde_json::json!({ "contests": results });
            if let (Some(obj), serde_json::Value::Object(extra)) =
                (value.as_object_mut(), json_extra)
            {
                obj.extend(extra);
            }
            output::json(out, &value)?;
        }
        Format::Table => {
            out.push_str(title);
            out.push('\n');
            let mut t = Table::new(vec!["contest", "seats", "elected", "outcome"]);
            for r in results {
                let outcome = match &r.outcome {
                    majority::ContestOutcome::Filled => "filled".to_string(),
                    majority::ContestOutcome::RepeatVote {
                        unfilled,
                        candidates,
                    } => {
                        format!(
                            "repeat vote for {unfilled} seat(s) between {}",
                            candidates.join(", ")
                        )
                    }
                    majority::ContestOutcome::Tie { tied, places } => {
                        format!("undecided: {} tied for {places} place(s)", tied.join(", "))
                    }
                };
                t.row(vec![
                    r.name.clone().into(),
                    r.seats.into(),
                    r.elected.join(", ").into(),
                    outcome.into(),
                ]);
            }
            output::table(out, &t);
            if let Some(extra) = extra {
                out.push_str(&extra);
            }
            if explain {
                for r in results {
                    out.push_str(&format!("\nExplanation: {}\n", r.name));
                    out.push_str(&saylau_core::explain::render_text(&r.steps));
                }
            }
        }
    }
    Ok(done)
}

/// Groups rows of `group,candidate,votes[,count]` into contests.
fn read_contests(
    spec: &str,
    group: &str,
    count: Option<&str>,
    seats_column: bool,
) -> Result<Vec<Contest>> {
    let source = read_source(spec, |_| None)?;
    let mut required = vec![group, "candidate", "votes"];
    if let Some(c) = count {
        required.push(c);
    }
    let csv = Csv::parse(&source.name, &source.text, &required)?;
    let g = csv.column(group).unwrap_or(0);
    let c = csv.column("candidate").unwrap_or(1);
    let v = csv.column("votes").unwrap_or(2);
    let n = count.and_then(|name| csv.column(name));
    let s = if seats_column {
        csv.column("seats")
    } else {
        None
    };
    let mut contests: Vec<(Contest, u64)> = Vec::new();
    for row in &csv.rows {
        let name = csv.text(row, g, group)?;
        let candidate = csv.text(row, c, "candidate")?;
        let votes = csv.count(row, v, "votes")?;
        let voting = match (n, count) {
            (Some(col), Some(field)) => csv.count(row, col, field)?,
            _ => 0,
        };
        let seats = match s {
            Some(col) => csv.count(row, col, "seats")?,
            None => 1,
        };
        match contests.iter_mut().find(|(k, _)| k.name == name) {
            Some((contest, first_line)) => {
                if let Some(field) = count
                    && contest.voting != voting
                {
                    return Err(InputError(format!(
                        "{}:{}: field `{field}`: {voting} differs from {} given for `{name}` on line {first_line}",
                        csv.name, row.line, contest.voting
                    )));
                }
                if s.is_some() && contest.seats != seats {
                    return Err(InputError(format!(
                        "{}:{}: field `seats`: {seats} differs from {} given for `{name}` on line {first_line}",
                        csv.name, row.line, contest.seats
                    )));
                }
                if contest
                    .candidates
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case(&candidate))
                {
                    return Err(InputError(format!(
                        "{}:{}: field `candidate`: `{candidate}` is listed twice in `{name}`",
                        csv.name, row.line
                    )));
                }
                contest.candidates.push((candidate, votes));
            }
            None => contests.push((
                Contest {
                    name,
                    seats,
                    voting,
                    candidates: vec![(candidate, votes)],
                },
                row.line,
            )),
        }
    }
    Ok(contests.into_iter().map(|(c, _)| c).collect())
}

fn senate_command(args: &SenateArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let contests = read_contests(&args.votes, "unit", Some("electors"), false)?;
    let appointed: Vec<String> = match &args.appointed {
        Some(spec) => {
            let source = read_source(spec, |_| None)?;
            let csv = Csv::parse(&source.name, &source.text, &["name"])?;
            let col = csv.column("name").unwrap_or(0);
            csv.rows
                .iter()
                .map(|r| csv.text(r, col, "name"))
                .collect::<Result<_>>()?
        }
        None => Vec::new(),
    };
    let result = majority::senate(
        law.at(args.date),
        &contests,
        args.seats_per_unit,
        &appointed,
    )
    .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    let extra = format!(
        "\nAppointed by the president: {} seat(s){}\n",
        result.appointed.seats,
        if result.appointed.names.is_empty() {
            String::new()
        } else {
            format!(
                " ({} named: {})",
                result.appointed.names.len(),
                result.appointed.names.join(", ")
            )
        }
    );
    let json_extra = serde_json::json!({
        "date": args.date.to_string(),
        "appointed": result.appointed,
        "steps": result.steps,
    });
    if args.output.explain && args.output.format == Format::Table {
        out.push_str(&saylau_core::explain::render_text(&result.steps));
        out.push('\n');
    }
    render_contests(
        &format!("Senate elections of {} by maslikhat electors", args.date),
        &result.units,
        Some(extra),
        args.output.format,
        args.output.explain,
        json_extra,
        out,
    )
}

fn assembly_command(args: &AssemblyArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let tally = read_tally(&args.votes, "candidate")?;
    let contest = Contest {
        name: "assembly".into(),
        seats: args.seats.unwrap_or(0),
        voting: args.voting,
        candidates: tally,
    };
    let result = majority::assembly(law.at(args.date), &contest)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    render_contests(
        &format!(
            "Mazhilis deputies elected by the Assembly of People, {}",
            args.date
        ),
        std::slice::from_ref(&result),
        None,
        args.output.format,
        args.output.explain,
        serde_json::json!({ "date": args.date.to_string() }),
        out,
    )
}

fn maslikhat_command(args: &MaslikhatArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let contests = read_contests(&args.votes, "district", None, true)?;
    let results = majority::maslikhat(law.at(args.date), &contests)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    render_contests(
        &format!("Maslikhat elections of {}", args.date),
        &results,
        None,
        args.output.format,
        args.output.explain,
        serde_json::json!({ "date": args.date.to_string() }),
        out,
    )
}

#[allow(dead_code)]
fn value_text(v: &Value) -> String {
    v.to_string()
}

pub mod data {
    //! `saylau data`: the built-in data from the seed, each figure with its source.

    use saylau_core::data::{Dataset, Figure};

    use super::*;

    fn dataset() -> Result<Dataset> {
        builtin::data().map_err(|e| InputError(format!("built-in data: {e}")))
    }

    fn fig<T: Serialize>(f: &Figure<T>) -> String {
        match f.value() {
            Some(v) => match serde_json::to_value(v) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(other) => other.to_string(),
                Err(_) => "?".into(),
            },
            None => "unknown".into(),
        }
    }

    /// An election's votes as CSV text, for `--votes builtin:ID`.
    pub fn votes_csv(name: &str) -> Option<String> {
        let data = builtin::data().ok()?;
        let votes = data.votes(name).ok()?;
        let body = match data.election(name)?.body {
            saylau_core::data::Body::Mazhilis => "party",
            _ => "candidate",
        };
        let mut out = format!("{body},votes\n");
        for (n, v) in &votes.rows {
            let quoted = if n.contains([',', '"']) {
                format!("\"{}\"", n.replace('"', "\"\""))
            } else {
                n.clone()
            };
            out.push_str(&format!("{quoted},{v}\n"));
        }
        Some(out)
    }

    pub fn run(cmd: &DataCommand, out: &mut String) -> Result<Done> {
        let data = dataset()?;
        match cmd {
            DataCommand::Units { format } => match format {
                Format::Json => output::json(out, &data.units)?,
                Format::Table => {
                    let mut t = Table::new(vec!["id", "name", "kind"]);
                    for u in &data.units {
                        t.row(vec![
                            u.id.clone().into(),
                            u.name.clone().into(),
                            serde_json::to_value(u.kind).unwrap_or_default(),
                        ]);
                    }
                    output::table(out, &t);
                }
            },
            DataCommand::Parties { party, format } => match party {
                Some(key) => {
                    let Some(p) = data.party(key) else {
                        return Err(InputError(format!(
                            "no party `{key}` in the built-in data (`saylau data parties` lists them)"
                        )));
                    };
                    match format {
                        Format::Json => output::json(out, p)?,
                        Format::Table => {
                            out.push_str(&format!("{} ({})\n", p.name, p.short_name));
                            out.push_str(&format!(
                                "founded: {}; family: {}; camp: {}\n",
                                fig(&p.founded),
                                fig(&p.family),
                                fig(&p.camp)
                            ));
                            if let Some(st) = &p.status {
                                out.push_str(&format!(
                                    "status: {}\n",
                                    serde_json::to_string(st).unwrap_or_default()
                                ));
                            }
                            out.push_str("\nhistory:\n");
                            for e in &p.history {
                                out.push_str(&format!(
                                    "  {}  {}: {}\n      source: {}\n",
                                    e.date,
                                    serde_json::to_value(e.kind)
                                        .unwrap_or_default()
                                        .as_str()
                                        .unwrap_or(""),
                                    e.text,
                                    e.source
                                ));
                            }
                        }
                    }
                }
                None => match format {
                    Format::Json => output::json(out, &data.parties)?,
                    Format::Table => {
                        let mut t =
                            Table::new(vec!["id", "name", "founded", "family", "registered 2009"]);
                        for p in &data.parties {
                            t.row(vec![
                                p.id.clone().into(),
                                p.name.clone().into(),
                                fig(&p.founded).into(),
                                fig(&p.family).into(),
                                (if p.registered_2009 { "yes" } else { "no" }).into(),
                            ]);
                        }
                        output::table(out, &t);
                    }
                },
            },
            DataCommand::Elections { election, format } => match election {
                Some(id) => {
                    let Some(e) = data.election(id) else {
                        return Err(InputError(format!(
                            "no election `{id}` in the built-in data (`saylau data elections` lists them)"
                        )));
                    };
                    match format {
                        Format::Json => output::json(out, e)?,
                        Format::Table => {
                            out.push_str(&format!(
                                "{} ({})\nsource: {}\n\n",
                                e.title, e.date, e.source
                            ));
                            let mut t =
                                Table::new(vec!["name", "share %", "votes", "seats / note"]);
                            for r in &e.rows {
                                let share = r.share.as_ref().map(fig).unwrap_or_else(|| "-".into());
                                let votes = r.votes.as_ref().map(fig).unwrap_or_else(|| "-".into());
                                let note = match (&r.text, r.contested) {
                                    (Some(text), false) => text.clone(),
                                    _ => serde_json::to_value(&r.seats)
                                        .ok()
                                        .filter(|v| !v.is_null())
                                        .map(|v| v.to_string())
                                        .unwrap_or_default(),
                                };
                                t.row(vec![
                                    r.name.clone().into(),
                                    share.into(),
                                    votes.into(),
                                    note.into(),
                                ]);
                            }
                            output::table(out, &t);
                        }
                    }
                }
                None => match format {
                    Format::Json => output::json(out, &data.elections)?,
                    Format::Table => {
                        let mut t = Table::new(vec!["id", "date", "title"]);
                        for e in &data.elections {
                            t.row(vec![
                                e.id.clone().into(),
                                e.date.to_string().into(),
                                e.title.clone().into(),
                            ]);
                        }
                        output::table(out, &t);
                    }
                },
            },
            DataCommand::Membership { format } => {
                let checks = data.densities();
                match format {
                    Format::Json => output::json(
                        out,
                        &serde_json::json!({ "registered_voters_2007": data.registered_voters_2007, "membership": data.membership, "densities": checks }),
                    )?,
                    Format::Table => {
                        out.push_str(&format!("Density = members / registered voters × 100, registered voters (2007) = {}\n\n", fig(&data.registered_voters_2007)));
                        let mut t = Table::new(vec![
                            "party",
                            "2000 (or first figure)",
                            "2009",
                            "density (computed)",
                            "density (seed)",
                        ]);
                        for (row, check) in data.membership.iter().zip(&checks) {
                            let first = match (row.first.members, &row.first.text) {
                                (Some(m), _) => format!(
                                    "{m}{}",
                                    row.first
                                        .year
                                        .map(|y| format!(" ({y})"))
                                        .unwrap_or_default()
                                ),
                                (None, Some(text)) => text.clone(),
                                _ => "-".into(),
                            };
                            t.row(vec![
                                row.name.clone().into(),
                                first.into(),
                                fig(&row.members_2009).into(),
                                check
                                    .computed_display
                                    .clone()
                                    .unwrap_or_else(|| "-".into())
                                    .into(),
                                fig(&row.published_density).into(),
                            ]);
                        }
                        output::table(out, &t);
                        let differ: Vec<String> = checks
                            .iter()
                            .filter(|c| match (&c.computed_display, &c.published) {
                                (Some(a), Some(b)) => a != b.as_str(),
                                _ => false,
                            })
                            .map(|c| c.name.clone())
                            .collect();
                        if !differ.is_empty() {
                            out.push_str(&format!("\nThe seed's printed density differs from the computed one (rounded half up) for: {}\n", differ.join(", ")));
                        }
                    }
                }
            }
            DataCommand::Votes { election } => match votes_csv(election) {
                Some(csv) => out.push_str(&csv),
                None => {
                    let why = match data.votes(election) {
                        Err(e) => e.to_string(),
                        Ok(_) => "unknown".into(),
                    };
                    return Err(InputError(format!("`{election}`: {why}")));
                }
            },
        }
        Ok(Done::Ok)
    }
}
