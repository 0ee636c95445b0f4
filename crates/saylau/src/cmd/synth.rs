//! `saylau synth`: deterministic synthetic data for trying and benchmarking the party checks.
//!
//! `synth register` writes a population register (`iin,full_name,birth_date,unit,citizen,
//! deceased,occupation`) and `synth members` draws a party's member list (`iin,signed_on`, or
//! `iin,party,signed_on` with `--party`) from such a register, optionally with a share of
//! defective rows of known kinds.
//!
//! The same arguments give the same bytes on every platform: the only source of randomness is
//! `Pcg64Mcg` (PCG XSL 128/64 MCG, "pcg64_fast") from `rand_pcg`, seeded with
//! `SeedableRng::seed_from_u64`, whose streams are fixed by their crates as value-stable and
//! portable. Every draw is integer arithmetic on that stream; there is no hash-map order, no
//! clock and no thread.
//!
//! Nothing here is data about Kazakhstan that any engine uses. The unit weights, age pyramid,
//! ethnic mix, names and occupation shares are rough figures for realism only.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufReader, Write};

use jiff::civil::Date;
use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use saylau_core::law::{Law, OCCUPATIONS, Param};
use saylau_core::parties::iin::{Iin, Sex};
use saylau_formats::register::{REGISTER, RegisterColumns, Units, parse_register_row};

use crate::cmd::Done;
use crate::flags::{SynthCommand, SynthMembersArgs, SynthRegisterArgs};
use crate::input::{InputError, Result};

/// Runs `saylau synth ...`, writing the CSV to stdout as it goes.
pub fn run(command: &SynthCommand, law: Law<'_>) -> Result<Done> {
    let stdout = io::stdout();
    let lock = stdout.lock();
    let result = match command {
        SynthCommand::Register(args) => register(args, law, lock),
        SynthCommand::Members(args) => members(args, law, lock),
    };
    match result {
        // A closed pipe (`saylau synth ... | head`) is not an error worth reporting.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Done::Ok),
        Err(Failure::Io(e)) => Err(InputError(format!("cannot write the output: {e}"))),
        Err(Failure::Input(e)) => Err(e),
        Ok(()) => Ok(Done::Ok),
    }
}

enum Failure {
    Io(io::Error),
    Input(InputError),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

impl From<csv::Error> for Failure {
    fn from(e: csv::Error) -> Failure {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => Failure::Io(e),
            other => Failure::Io(io::Error::other(format!("{other:?}"))),
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Failure {
        Failure::Input(e)
    }
}

fn fail<T>(message: impl Into<String>) -> std::result::Result<T, Failure> {
    Err(Failure::Input(InputError(message.into())))
}

/// Output goes through the CSV writer's own buffer of this size.
const OUT_BUFFER: usize = 1 << 20;

// ---------------------------------------------------------------------------------------------
// random draws

/// A uniform draw from `0..n` (multiply-shift; the bias is below 2^-40 for any n used here).
fn below(rng: &mut Pcg64Mcg, n: u64) -> u64 {
    ((u128::from(rng.next_u64()) * u128::from(n)) >> 64) as u64
}

/// True with probability `per_10k` / 10,000.
fn chance(rng: &mut Pcg64Mcg, per_10k: u64) -> bool {
    below(rng, 10_000) < per_10k
}

/// An index drawn with the given weights (cumulative sums in `cumulative`).
fn weighted(rng: &mut Pcg64Mcg, cumulative: &[u64]) -> usize {
    let total = cumulative.last().copied().unwrap_or(0);
    let x = below(rng, total);
    cumulative.partition_point(|&c| c <= x)
}

fn cumulate(weights: impl IntoIterator<Item = u64>) -> Vec<u64> {
    weights
        .into_iter()
        .scan(0, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .collect()
}

fn pick<'a>(rng: &mut Pcg64Mcg, items: &[&'a str]) -> &'a str {
    items[below(rng, items.len() as u64) as usize]
}

// ---------------------------------------------------------------------------------------------
// days as numbers (proleptic Gregorian, days since 1970-01-01), so that hot loops need no
// calendar library

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn date_days(d: Date) -> i64 {
    days_from_civil(
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    )
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_len(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day `years` years before `(y, m, d)`, 29 February becoming 28 February when needed.
fn years_before(y: i64, m: i64, d: i64, years: i64) -> i64 {
    let y = y - years;
    days_from_civil(y, m, d.min(month_len(y, m)))
}

fn ymd_text(z: i64) -> [u8; 10] {
    let (y, m, d) = civil_from_days(z);
    let mut out = *b"0000-00-00";
    let digits = |n: i64, width: usize, at: &mut [u8]| {
        let mut n = n;
        for i in (0..width).rev() {
            at[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(y, 4, &mut out[0..4]);
    digits(m, 2, &mut out[5..7]);
    digits(d, 2, &mut out[8..10]);
    out
}

/// A date packed as `year << 9 | month << 5 | day`, so that the birthday rule compares the
/// low nine bits.
fn pack_ymd(y: i64, m: i64, d: i64) -> u64 {
    ((y as u64) << 9) | ((m as u64) << 5) | d as u64
}

/// Whole years from `birth` to `on` (both packed): the year difference, less one before the
/// birthday — the rule of `saylau_core::exact::date::age_on`.
fn age(birth: u64, on: u64) -> i64 {
    let years = (on >> 9) as i64 - (birth >> 9) as i64;
    if on & 511 < birth & 511 {
        years - 1
    } else {
        years
    }
}

fn iin_text(iin: &Iin) -> [u8; 12] {
    iin.digits().map(|d| b'0' + d)
}

fn iin_number(iin: &Iin) -> u64 {
    iin.digits().iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

// ---------------------------------------------------------------------------------------------
// register

/// For each unit id the rulebook may list: its approximate population around 2009, in
/// thousands, and rough shares (percent) of people with Kazakh and with Slavic names (the rest
/// get names of the other groups). For realism only, not a fact any engine uses; the units
/// themselves come from the rulebook, and a unit not named here gets [`OTHER_UNIT`].
const UNIT_FLAVOUR: [(&str, u64, (u64, u64)); 16] = [
    ("akmola", 738, (47, 40)),
    ("aktobe", 757, (79, 15)),
    ("almaty_region", 1807, (68, 20)),
    ("atyrau", 510, (92, 6)),
    ("east_kazakhstan", 1397, (58, 37)),
    ("zhambyl", 1022, (70, 12)),
    ("west_kazakhstan", 599, (74, 21)),
    ("karaganda", 1342, (45, 44)),
    ("kostanay", 885, (37, 50)),
    ("kyzylorda", 678, (96, 2)),
    ("mangystau", 485, (89, 8)),
    ("pavlodar", 742, (46, 44)),
    ("north_kazakhstan", 597, (30, 58)),
    ("south_kazakhstan", 2470, (69, 6)),
    ("astana", 613, (65, 25)),
    ("almaty", 1365, (52, 33)),
];

/// The flavour of a unit [`UNIT_FLAVOUR`] does not name.
const OTHER_UNIT: (u64, (u64, u64)) = (700, (60, 25));

/// Rough age pyramid: relative weight of each five-year band from 0–4 to 90–95 (the last
/// band is six years). For realism only.
const AGE_BANDS: [u64; 19] = [
    90, 70, 80, 100, 95, 85, 75, 65, 70, 70, 60, 45, 30, 25, 20, 12, 7, 3, 1,
];

/// The oldest age drawn.
const MAX_AGE: i64 = 95;

/// Surnames as (male form, female form).
const KAZAKH_SURNAMES: &[(&str, &str)] = &[
    ("Abenov", "Abenova"),
    ("Akhmetov", "Akhmetova"),
    ("Amanzholov", "Amanzholova"),
    ("Baimukhanov", "Baimukhanova"),
    ("Baitursynov", "Baitursynova"),
    ("Bekov", "Bekova"),
    ("Dzhaksybekov", "Dzhaksybekova"),
    ("Ermekov", "Ermekova"),
    ("Iskakov", "Iskakova"),
    ("Karimov", "Karimova"),
    ("Kassymov", "Kassymova"),
    ("Kenzhebayev", "Kenzhebayeva"),
    ("Mukanov", "Mukanova"),
    ("Nurpeisov", "Nurpeisova"),
    ("Omarov", "Omarova"),
    ("Ospanov", "Ospanova"),
    ("Sadykov", "Sadykova"),
    ("Sarsenbayev", "Sarsenbayeva"),
    ("Suleimenov", "Suleimenova"),
    ("Tokayev", "Tokayeva"),
    ("Tulegenov", "Tulegenova"),
    ("Utemisov", "Utemisova"),
    ("Yessenov", "Yessenova"),
    ("Zhumabayev", "Zhumabayeva"),
    ("Serikuly", "Serikkyzy"),
    ("Nurlanuly", "Nurlankyzy"),
];
const KAZAKH_MALE: &[&str] = &[
    "Nurlan",
    "Yerlan",
    "Askar",
    "Daniyar",
    "Bauyrzhan",
    "Marat",
    "Serik",
    "Kairat",
    "Yerzhan",
    "Almas",
    "Timur",
    "Arman",
    "Azamat",
    "Dauren",
    "Nurzhan",
    "Berik",
    "Aidos",
    "Yerbol",
];
const KAZAKH_FEMALE: &[&str] = &[
    "Aigerim", "Aizhan", "Gulnara", "Dinara", "Saule", "Aliya", "Madina", "Zhanar", "Ainur",
    "Asel", "Gulmira", "Kamila", "Aruzhan", "Dana", "Akmaral", "Botagoz",
];
const SLAVIC_SURNAMES: &[(&str, &str)] = &[
    ("Ivanov", "Ivanova"),
    ("Petrov", "Petrova"),
    ("Smirnov", "Smirnova"),
    ("Kuznetsov", "Kuznetsova"),
    ("Popov", "Popova"),
    ("Vasiliev", "Vasilieva"),
    ("Sokolov", "Sokolova"),
    ("Mikhailov", "Mikhailova"),
    ("Novikov", "Novikova"),
    ("Fedorov", "Fedorova"),
    ("Morozov", "Morozova"),
    ("Volkov", "Volkova"),
    ("Lebedev", "Lebedeva"),
    ("Kozlov", "Kozlova"),
    ("Pavlov", "Pavlova"),
    ("Nikitin", "Nikitina"),
    ("Zakharov", "Zakharova"),
    ("Tolstoy", "Tolstaya"),
    ("Belyi", "Belaya"),
    ("Kovalenko", "Kovalenko"),
    ("Shevchenko", "Shevchenko"),
    ("Bondarenko", "Bondarenko"),
];
const SLAVIC_MALE: &[&str] = &[
    "Sergei",
    "Alexander",
    "Dmitry",
    "Andrei",
    "Vladimir",
    "Nikolai",
    "Ivan",
    "Pavel",
    "Oleg",
    "Viktor",
    "Mikhail",
    "Yevgeny",
];
const SLAVIC_FEMALE: &[&str] = &[
    "Olga", "Tatiana", "Natalia", "Elena", "Svetlana", "Irina", "Anna", "Yulia", "Marina",
    "Lyudmila", "Galina", "Oksana",
];
const OTHER_SURNAMES: &[(&str, &str)] = &[
    ("Kim", "Kim"),
    ("Tsoi", "Tsoi"),
    ("Li", "Li"),
    ("Pak", "Pak"),
    ("Schmidt", "Schmidt"),
    ("Weber", "Weber"),
    ("Yusupov", "Yusupova"),
    ("Rakhimov", "Rakhimova"),
    ("Ismailov", "Ismailova"),
    ("Khairullin", "Khairullina"),
    ("Valiyev", "Valiyeva"),
];
const OTHER_MALE: &[&str] = &[
    "Rustam", "Shukhrat", "Ruslan", "Alexei", "Ilyas", "Farkhad", "Rinat", "Andreas",
];
const OTHER_FEMALE: &[&str] = &[
    "Dilnoza", "Feruza", "Elvira", "Larisa", "Alina", "Gulnaz", "Rimma", "Irma",
];
const NICKNAMES_MALE: &[&str] = &["Sasha", "Nurik", "Zhenya", "Dima", "Yera"];
const NICKNAMES_FEMALE: &[&str] = &["Masha", "Aika", "Lena", "Dina", "Zhanka"];

/// Ordinary occupations of working-age people, with relative weights.
const OCCUPATION_WEIGHTS: &[(&str, u64)] = &[
    ("worker", 12),
    ("teacher", 8),
    ("driver", 8),
    ("farmer", 8),
    ("engineer", 6),
    ("sales assistant", 6),
    ("unemployed", 6),
    ("", 6),
    ("builder", 5),
    ("entrepreneur", 5),
    ("accountant", 4),
    ("homemaker", 4),
    ("self-employed", 4),
    ("doctor", 3),
    ("nurse", 3),
    ("economist", 3),
    ("civil servant", 3),
    ("cook", 2),
    ("miner", 1),
    ("oil worker", 1),
    ("programmer", 1),
];

/// Share (per 10,000) of 18–62-year-olds holding one of the occupations in
/// [`OCCUPATIONS`], chosen so that about 1.5% of the whole register does; and the relative
/// weights of those occupations in that order.
const BARRED_PER_10K: u64 = 265;
const BARRED_WEIGHTS: [u64; 4] = [40, 15, 35, 10];

/// Share per 10,000 of people who are not citizens, and who are recorded as deceased.
const NON_CITIZEN_PER_10K: u64 = 200;
const DECEASED_PER_10K: u64 = 100;
/// Share per 10,000 of names with a quoted nickname, and written "Surname, Name".
const NICKNAME_PER_10K: u64 = 5;
const COMMA_PER_10K: u64 = 5;

struct RegisterPlan {
    /// Each possible birth day's date and text, from the earliest.
    days: Vec<(Date, [u8; 10])>,
    /// For each age, the first and last birth day (as indices into `days`).
    age_days: Vec<(usize, usize)>,
    age_weights: Vec<u64>,
    /// The units in force on the register's date, from the rulebook, with their weights
    /// and name mixes.
    units: Vec<String>,
    unit_weights: Vec<u64>,
    unit_mix: Vec<(u64, u64)>,
    occupation_weights: Vec<u64>,
    barred_weights: Vec<u64>,
}

impl RegisterPlan {
    fn new(as_of: Date, units: Vec<String>) -> std::result::Result<RegisterPlan, Failure> {
        let flavour = |id: &str| {
            UNIT_FLAVOUR
                .iter()
                .find(|(u, _, _)| *u == id)
                .map_or(OTHER_UNIT, |&(_, w, mix)| (w, mix))
        };
        let unit_weights = cumulate(units.iter().map(|u| flavour(u).0));
        let unit_mix = units.iter().map(|u| flavour(u).1).collect();
        let (y, m, d) = (
            i64::from(as_of.year()),
            i64::from(as_of.month()),
            i64::from(as_of.day()),
        );
        let last_day = date_days(as_of);
        let first_day = years_before(y, m, d, MAX_AGE + 1) + 1;
        if y - MAX_AGE - 1 < 1800 || y > 2099 {
            return fail(format!(
                "--as-of {as_of}: IINs encode birth years 1800 to 2099, so the register date must be from {} to 2099",
                1800 + MAX_AGE + 1
            ));
        }
        let mut days = Vec::new();
        for z in first_day..=last_day {
            let (dy, dm, dd) = civil_from_days(z);
            let Ok(date) = Date::new(dy as i16, dm as i8, dd as i8) else {
                return fail(format!("day {z} is not a date"));
            };
            days.push((date, ymd_text(z)));
        }
        let mut age_days = Vec::new();
        for a in 0..=MAX_AGE {
            // Age `a` on `as_of`: born after the day `a + 1` years before, up to the day `a`
            // years before.
            let lo = years_before(y, m, d, a + 1) + 1 - first_day;
            let hi = years_before(y, m, d, a) - first_day;
            age_days.push((lo as usize, hi as usize));
        }
        let age_weights = cumulate((0..=MAX_AGE).map(|a| AGE_BANDS[(a / 5).min(18) as usize]));
        Ok(RegisterPlan {
            days,
            age_days,
            age_weights,
            units,
            unit_weights,
            unit_mix,
            occupation_weights: cumulate(OCCUPATION_WEIGHTS.iter().map(|&(_, w)| w)),
            barred_weights: cumulate(BARRED_WEIGHTS),
        })
    }
}

/// Gives out IIN serials: the next free one for each birth day and sex.
struct Serials {
    next: Vec<u16>,
}

impl Serials {
    /// The next IIN for `day` (an index into the plan's days) and `sex`. When every serial
    /// of that day is taken the following days are tried, so a person may be born a few days
    /// later than drawn; only registers of hundreds of millions of people get there.
    fn allocate(
        &mut self,
        plan: &RegisterPlan,
        day: usize,
        sex: Sex,
    ) -> std::result::Result<(Iin, usize), Failure> {
        let n = plan.days.len();
        let s = usize::from(sex == Sex::Female);
        for step in 0..n {
            let day = (day + step) % n;
            let slot = &mut self.next[day * 2 + s];
            while *slot <= 9999 {
                let serial = *slot;
                *slot += 1;
                if let Some(iin) = Iin::from_parts(plan.days[day].0, sex, serial) {
                    return Ok((iin, day));
                }
            }
        }
        fail("more people than there are IINs for their birth days")
    }
}

fn register(
    args: &SynthRegisterArgs,
    law: Law<'_>,
    out: impl Write,
) -> std::result::Result<(), Failure> {
    // The units of the register are the rulebook's on its date.
    let units = law
        .at(args.as_of)
        .list(Param::StateUnits)
        .map_err(|e| InputError(format!("--as-of {}: {e}", args.as_of)))?
        .value
        .to_vec();
    let plan = RegisterPlan::new(args.as_of, units)?;
    let mut rng = Pcg64Mcg::seed_from_u64(args.seed);
    let mut serials = Serials {
        next: vec![0; plan.days.len() * 2],
    };
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(OUT_BUFFER)
        .from_writer(out);
    // The register's columns, in the order saylau-formats names them.
    w.write_record(REGISTER.required)?;
    let mut name: Vec<u8> = Vec::with_capacity(64);
    for _ in 0..args.people {
        let unit = weighted(&mut rng, &plan.unit_weights);
        let (kazakh, slavic) = plan.unit_mix[unit];
        let group = below(&mut rng, 100);
        let sex = if below(&mut rng, 1000) < 483 {
            Sex::Male
        } else {
            Sex::Female
        };
        let age = weighted(&mut rng, &plan.age_weights);
        let (lo, hi) = plan.age_days[age];
        let day = lo + below(&mut rng, (hi - lo + 1) as u64) as usize;
        let (iin, day) = serials.allocate(&plan, day, sex)?;

        let (surnames, male, female) = if group < kazakh {
            (KAZAKH_SURNAMES, KAZAKH_MALE, KAZAKH_FEMALE)
        } else if group < kazakh + slavic {
            (SLAVIC_SURNAMES, SLAVIC_MALE, SLAVIC_FEMALE)
        } else {
            (OTHER_SURNAMES, OTHER_MALE, OTHER_FEMALE)
        };
        let (surname_m, surname_f) = surnames[below(&mut rng, surnames.len() as u64) as usize];
        let (first, surname, nicks) = match sex {
            Sex::Male => (pick(&mut rng, male), surname_m, NICKNAMES_MALE),
            Sex::Female => (pick(&mut rng, female), surname_f, NICKNAMES_FEMALE),
        };
        name.clear();
        let style = below(&mut rng, 10_000);
        if style < NICKNAME_PER_10K {
            let nick = pick(&mut rng, nicks);
            write!(name, "{first} \"{nick}\" {surname}")?;
        } else if style < NICKNAME_PER_10K + COMMA_PER_10K {
            write!(name, "{surname}, {first}")?;
        } else {
            write!(name, "{first} {surname}")?;
        }

        let citizen = !chance(&mut rng, NON_CITIZEN_PER_10K);
        let deceased = chance(&mut rng, DECEASED_PER_10K);
        let age = age as i64;
        let occupation = if age < 7 {
            ""
        } else if age < 18 || (age < 23 && below(&mut rng, 10) < 6) {
            "student"
        } else if age >= 63 && below(&mut rng, 100) < 85 {
            "pensioner"
        } else if age < 63 && chance(&mut rng, BARRED_PER_10K) {
            OCCUPATIONS[weighted(&mut rng, &plan.barred_weights)]
        } else {
            OCCUPATION_WEIGHTS[weighted(&mut rng, &plan.occupation_weights)].0
        };

        // Written in the order of `REGISTER.required`.
        w.write_record([
            &iin_text(&iin)[..],
            &name[..],
            &plan.days[day].1[..],
            plan.units[unit].as_bytes(),
            if citizen { b"true" } else { b"false" },
            if deceased { b"true" } else { b"false" },
            occupation.as_bytes(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// members

/// Register attributes kept for each person, packed in one `u64`: the IIN in the high 40
/// bits (so that sorting the people sorts by IIN), the birth date (year − 1800, month, day)
/// in the next 18 bits, then three flags.
type Person = u64;

const FLAG_NON_CITIZEN: u64 = 1;
const FLAG_DECEASED: u64 = 2;
const FLAG_BARRED: u64 = 4;
const FLAGS: u64 = 7;

fn person_iin(p: Person) -> u64 {
    p >> 24
}

fn person_birth(p: Person) -> u64 {
    ((p >> 3) & 0x3_ffff) + (1800 << 9)
}

/// The kinds of defective row, in the order a checker tests them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Clean,
    InvalidIin,
    NotInRegister,
    NotCitizen,
    Deceased,
    UnderAge,
    Barred,
    OutsideWindow,
    Duplicate,
}

const DEFECTS: [Kind; 8] = [
    Kind::InvalidIin,
    Kind::NotInRegister,
    Kind::NotCitizen,
    Kind::Deceased,
    Kind::UnderAge,
    Kind::Barred,
    Kind::OutsideWindow,
    Kind::Duplicate,
];

struct Register {
    /// Sorted by IIN.
    people: Vec<Person>,
    /// Indices of the people with exactly one flag: not a citizen, deceased, barred.
    non_citizens: Vec<u32>,
    deceased: Vec<u32>,
    barred: Vec<u32>,
}

/// Reads a register with the reader `registration check` uses (every row checked the same
/// way), keeping what drawing members needs.
fn read_register(name: &str, barred: &[String], units: &[String]) -> Result<Register> {
    let file = File::open(name).map_err(|e| {
        InputError(match e.kind() {
            io::ErrorKind::NotFound => format!("{name}: cannot read: no such file"),
            _ => format!("{name}: cannot read: {}", e.to_string().to_lowercase()),
        })
    })?;
    let units = Units::new(units);
    let mut people: Vec<Person> = Vec::new();
    let table = saylau_formats::table::Table::new(
        name,
        BufReader::with_capacity(OUT_BUFFER, file),
        &REGISTER,
    )?;
    let mut cols: Option<RegisterColumns> = None;
    table.each_record(|_, record, header| {
        let cols = match cols {
            Some(c) => c,
            None => {
                let c = RegisterColumns::of(header);
                cols = Some(c);
                c
            }
        };
        let entry = parse_register_row(record, &cols, &units)?;
        let p = entry.person;
        let (y, m, d) = (
            i64::from(p.birth_date.year()),
            i64::from(p.birth_date.month()),
            i64::from(p.birth_date.day()),
        );
        if !(1800..=2099).contains(&y) {
            return Err(saylau_formats::Bad::new(
                "birth_date",
                format!(
                    "{} is not a day from 1800-01-01 to 2099-12-31",
                    p.birth_date
                ),
            ));
        }
        let is_barred = p
            .occupation
            .and_then(|o| OCCUPATIONS.get(usize::from(o)))
            .is_some_and(|o| barred.iter().any(|b| b == o));
        let flags = u64::from(!p.citizen) * FLAG_NON_CITIZEN
            + u64::from(p.deceased) * FLAG_DECEASED
            + u64::from(is_barred) * FLAG_BARRED;
        let birth = pack_ymd(y, m, d);
        people.push((iin_number(&entry.iin) << 24) | ((birth - (1800 << 9)) << 3) | flags);
        Ok(())
    })?;
    if people.is_empty() {
        return Err(InputError(format!("{name}: no data rows after the header")));
    }
    if people.len() > u32::MAX as usize {
        return Err(InputError(format!("{name}: more than {} people", u32::MAX)));
    }
    people.sort_unstable();
    if let Some(pair) = people
        .windows(2)
        .find(|w| person_iin(w[0]) == person_iin(w[1]))
    {
        return Err(InputError(format!(
            "{name}: IIN {:012} appears twice",
            person_iin(pair[0])
        )));
    }
    let with_only = |f: u64| -> Vec<u32> {
        people
            .iter()
            .enumerate()
            .filter(|(_, p)| *p & FLAGS == f)
            .map(|(i, _)| i as u32)
            .collect()
    };
    Ok(Register {
        non_citizens: with_only(FLAG_NON_CITIZEN),
        deceased: with_only(FLAG_DECEASED),
        barred: with_only(FLAG_BARRED),
        people,
    })
}

/// Draws people from the register, each at most once.
struct Drawer<'r> {
    register: &'r Register,
    used: Vec<u64>,
}

impl Drawer<'_> {
    fn is_used(&self, i: usize) -> bool {
        self.used[i / 64] >> (i % 64) & 1 == 1
    }

    /// An unused person from `pool` (indices into the register; `None` for everyone) for
    /// whom `ok` holds, marked used. Random tries first; when they fail, a scan from a
    /// random start, so that a person is found whenever one is left.
    fn draw(
        &mut self,
        rng: &mut Pcg64Mcg,
        pool: Option<&[u32]>,
        ok: impl Fn(Person) -> bool,
    ) -> Option<Person> {
        let people = &self.register.people;
        let len = pool.map_or(people.len(), <[u32]>::len);
        if len == 0 {
            return None;
        }
        let index = |k: usize| pool.map_or(k, |p| p[k] as usize);
        let start = below(rng, len as u64) as usize;
        let tries = (0..1000)
            .map(|t| {
                if t == 0 {
                    start
                } else {
                    below(rng, len as u64) as usize
                }
            })
            .chain((1..len).map(|k| (start + k) % len));
        for k in tries {
            let i = index(k);
            if !self.is_used(i) && ok(people[i]) {
                self.used[i / 64] |= 1 << (i % 64);
                return Some(people[i]);
            }
        }
        None
    }
}

/// One member row: the IIN as written and the signing day.
struct Row {
    iin: Vec<u8>,
    day: i64,
}

fn members(
    args: &SynthMembersArgs,
    law: Law<'_>,
    out: impl Write,
) -> std::result::Result<(), Failure> {
    let from = date_days(args.signed_from);
    let to = date_days(args.signed_to);
    if from > to {
        return fail(format!(
            "--signed-from {} is after --signed-to {}",
            args.signed_from, args.signed_to
        ));
    }
    // Who may sign comes from the rulebook, and must not change inside the window.
    let rule = |date: Date| -> std::result::Result<(u64, Vec<String>, Vec<String>), Failure> {
        let at = law.at(date);
        let units = at
            .list(Param::StateUnits)
            .map_err(|e| InputError(format!("signing on {date}: {e}")))?
            .value
            .to_vec();
        let min_age = at
            .count(Param::PartyMemberMinAge)
            .map_err(|e| InputError(format!("signing on {date}: {e}")))?
            .value;
        let barred = at
            .list(Param::PartyBarredOccupations)
            .map_err(|e| InputError(format!("signing on {date}: {e}")))?
            .value
            .to_vec();
        Ok((min_age, barred, units))
    };
    let (min_age, barred, units) = rule(args.signed_from)?;
    if rule(args.signed_to)? != (min_age, barred.clone(), units.clone()) {
        return fail(format!(
            "the membership age, barred occupations or units change between {} and {}: draw each part of the window separately",
            args.signed_from, args.signed_to
        ));
    }
    let min_age = min_age as i64;
    if args.party.as_deref().is_some_and(|p| p.trim().is_empty()) {
        return fail("--party: empty name");
    }

    let register = read_register(&args.register, &barred, &units)?;
    let mut rng = Pcg64Mcg::seed_from_u64(args.seed);

    // The kind of each row: clean, or a defect, the defects spread evenly over the kinds,
    // then shuffled over the list.
    let n = args.members as usize;
    let defective = ((args.members as f64) * args.defects).round() as usize;
    let defective = defective.min(n);
    let mut kinds = vec![Kind::Clean; n];
    for (k, kind) in kinds.iter_mut().take(defective).enumerate() {
        *kind = DEFECTS[k % DEFECTS.len()];
    }
    for i in (1..n).rev() {
        let j = below(&mut rng, i as u64 + 1) as usize;
        kinds.swap(i, j);
    }
    if kinds.contains(&Kind::Duplicate) && !kinds.contains(&Kind::Clean) {
        return fail("--defects: duplicates need clean rows to repeat; lower the rate");
    }
    if kinds.contains(&Kind::Duplicate) && from == to {
        return fail("duplicates need a signing window of at least two days");
    }

    let mut drawer = Drawer {
        register: &register,
        used: vec![0; register.people.len().div_ceil(64)],
    };
    let in_window = |rng: &mut Pcg64Mcg| from + below(rng, (to - from + 1) as u64) as i64;
    let packed = |z: i64| {
        let (y, m, d) = civil_from_days(z);
        pack_ymd(y, m, d)
    };
    let adult = move |p: Person, day: u64| age(person_birth(p), day) >= min_age;
    let short = |what: &str| {
        Failure::Input(InputError(format!(
            "{}: too few people who are {what} for {} rows",
            args.register, args.members
        )))
    };
    let mut outside: HashSet<u64> = HashSet::new();
    let mut clean_rows: Vec<(usize, Person)> = Vec::new();
    let mut rows: Vec<Row> = Vec::with_capacity(n);
    let number = |iin: u64| format!("{iin:012}").into_bytes();

    let mut i = 0;
    while i < n {
        let kind = kinds[i];
        if kind == Kind::Duplicate && clean_rows.is_empty() {
            // A duplicate needs an earlier clean row: trade places with the next clean one.
            if let Some(j) = (i + 1..n).find(|&j| kinds[j] == Kind::Clean) {
                kinds.swap(i, j);
                continue;
            }
            return fail("--defects: duplicates need clean rows to repeat; lower the rate");
        }
        let row = match kind {
            Kind::Clean => {
                let day = in_window(&mut rng);
                let on = packed(day);
                let p = drawer
                    .draw(&mut rng, None, |p| p & FLAGS == 0 && adult(p, on))
                    .ok_or_else(|| short("adult citizens, alive and free to join"))?;
                clean_rows.push((i, p));
                Row {
                    iin: number(person_iin(p)),
                    day,
                }
            }
            Kind::InvalidIin => {
                let day = in_window(&mut rng);
                let p = drawer
                    .draw(&mut rng, None, |_| true)
                    .ok_or_else(|| short("left"))?;
                let mut iin = number(person_iin(p));
                match below(&mut rng, 6) {
                    // A wrong check digit: the other nine digits.
                    0..=2 => {
                        iin[11] = b'0' + ((iin[11] - b'0' + 1 + below(&mut rng, 9) as u8) % 10)
                    }
                    3 => {
                        iin.pop();
                    }
                    4 => iin.push(b'0' + below(&mut rng, 10) as u8),
                    _ => iin[below(&mut rng, 12) as usize] = b'O',
                }
                Row { iin, day }
            }
            Kind::NotInRegister => {
                let day = in_window(&mut rng);
                let mut found = None;
                for _ in 0..10_000 {
                    // An adult of 18 to 80 on the signing day: a plausible member.
                    let back =
                        (18 + below(&mut rng, 62)) as i64 * 365 + below(&mut rng, 365) as i64;
                    let (by, bm, bd) = civil_from_days(day - back);
                    let sex = if below(&mut rng, 2) == 0 {
                        Sex::Male
                    } else {
                        Sex::Female
                    };
                    let Ok(birth) = Date::new(by as i16, bm as i8, bd as i8) else {
                        continue;
                    };
                    let Some(iin) = Iin::from_parts(birth, sex, below(&mut rng, 10_000) as u16)
                    else {
                        continue;
                    };
                    let iin = iin_number(&iin);
                    let known = register
                        .people
                        .binary_search_by(|p| person_iin(*p).cmp(&iin))
                        .is_ok();
                    if !known && outside.insert(iin) {
                        found = Some(iin);
                        break;
                    }
                }
                let iin = found.ok_or_else(|| short("missing from it (IINs to invent)"))?;
                Row {
                    iin: number(iin),
                    day,
                }
            }
            Kind::NotCitizen | Kind::Deceased | Kind::Barred => {
                let (pool, what) = match kind {
                    Kind::NotCitizen => (&register.non_citizens, "adults not citizens"),
                    Kind::Deceased => (&register.deceased, "deceased adult citizens"),
                    _ => (&register.barred, "adult citizens in barred occupations"),
                };
                let day = in_window(&mut rng);
                let on = packed(day);
                let p = drawer
                    .draw(&mut rng, Some(pool), |p| adult(p, on))
                    .ok_or_else(|| short(what))?;
                Row {
                    iin: number(person_iin(p)),
                    day,
                }
            }
            Kind::UnderAge => {
                let day = in_window(&mut rng);
                let on = packed(day);
                let p = drawer
                    .draw(&mut rng, None, |p| p & FLAGS == 0 && !adult(p, on))
                    .ok_or_else(|| short("minors"))?;
                Row {
                    iin: number(person_iin(p)),
                    day,
                }
            }
            Kind::OutsideWindow => {
                // Well before or after the window, so that a checker whose window ends a day
                // or two later (four months from the committee's registration) still rejects it.
                let day = if below(&mut rng, 2) == 0 {
                    from - 1 - below(&mut rng, 90) as i64
                } else {
                    to + 15 + below(&mut rng, 106) as i64
                };
                let on = packed(day);
                let p = drawer
                    .draw(&mut rng, None, |p| p & FLAGS == 0 && adult(p, on))
                    .ok_or_else(|| short("adult citizens, alive and free to join"))?;
                Row {
                    iin: number(person_iin(p)),
                    day,
                }
            }
            Kind::Duplicate => {
                // Another day inside the window on which the person is still of age, so that
                // being a repeat is the row's only defect.
                let mut found = None;
                for _ in 0..1000 {
                    let (k, p) = clean_rows[below(&mut rng, clean_rows.len() as u64) as usize];
                    let day = in_window(&mut rng);
                    if day != rows[k].day && adult(p, packed(day)) {
                        found = Some((k, day));
                        break;
                    }
                }
                let (k, day) =
                    found.ok_or_else(|| short("of age on a second day of the window"))?;
                Row {
                    iin: rows[k].iin.clone(),
                    day,
                }
            }
        };
        rows.push(row);
        i += 1;
    }

    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(OUT_BUFFER)
        .from_writer(out);
    match &args.party {
        Some(party) => {
            w.write_record(["iin", "party", "signed_on"])?;
            for row in &rows {
                w.write_record([&row.iin[..], party.as_bytes(), &ymd_text(row.day)[..]])?;
            }
        }
        None => {
            w.write_record(["iin", "signed_on"])?;
            for row in &rows {
                w.write_record([&row.iin[..], &ymd_text(row.day)[..]])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_through_the_calendar() {
        for z in [-719_468 * 2, -1, 0, 1, 11_016, 14_396, 47_541] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(&ymd_text(days_from_civil(2008, 2, 29)), b"2008-02-29");
        assert_eq!(years_before(2008, 2, 29, 1), days_from_civil(2007, 2, 28));
    }

    #[test]
    fn age_follows_the_birthday_rule() {
        let birth = pack_ymd(1991, 7, 15);
        assert_eq!(age(birth, pack_ymd(2009, 7, 14)), 17);
        assert_eq!(age(birth, pack_ymd(2009, 7, 15)), 18);
        assert_eq!(age(birth, pack_ymd(2009, 12, 1)), 18);
    }
}
