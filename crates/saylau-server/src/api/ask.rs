//! `POST /api/ask/{kind}`: any engine's question as a JSON body, answered with the same value
//! the command line prints with `--format json` and a legal case expects. Public, and nothing
//! is recorded.
//!
//! The body is the question's fields, plus two optional fields of the law asked under:
//! `reforms` (reform overlays, each the text of a reform TOML file, or `{name, text}` to give
//! it the file's name) and `project` (`true` carries the law of the rulebook's last checked
//! day past it). It is read as strictly as every other body (`saylau_formats::json`).

use std::cell::RefCell;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use saylau_core::ask::{self, AskError, Question, Reader};
use saylau_core::law::{Law, Reform, load_reform};
use saylau_formats::{FormatError, json};
use serde_json::Value;

use super::{BODY, JsonBody, malformed};
use crate::app::Shared;
use crate::error::ApiError;

/// The question's part of a body, read into each kind's type by the strict reader, which
/// keeps what it refused so the answer is the same `malformed_body` as every other body's.
struct Body<'a> {
    bytes: &'a [u8],
    question: Value,
    refused: RefCell<Option<FormatError>>,
}

impl Reader for Body<'_> {
    fn read<Q: Question>(&self) -> Result<Q, AskError> {
        json::typed(BODY, self.bytes, &self.question).map_err(|e| {
            let message = format!("{} question: {e}", Q::KIND);
            *self.refused.borrow_mut() = Some(e);
            AskError::Input(message)
        })
    }
}

pub(crate) async fn ask_question(
    State(app): State<Shared>,
    Path(kind): Path<String>,
    body: Result<JsonBody, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let JsonBody(bytes) = body?;
    let value = json::read_value(BODY, &bytes).map_err(malformed)?;
    let Value::Object(mut fields) = value else {
        return Err(ApiError::bad_request(
            "the question is a JSON object of its fields",
        ));
    };
    let project = match fields.remove("project") {
        None | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(_) => return Err(ApiError::bad_request("`project`: true or false")),
    };
    let reforms: Vec<Reform> = match fields.remove("reforms") {
        None => Vec::new(),
        Some(Value::Array(texts)) => texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                // A reform file's text, or `{ "name": ..., "text": ... }` to name it as a file.
                let (name, text) = match t {
                    Value::String(text) => (format!("reforms[{i}]"), text.as_str()),
                    Value::Object(o) => match (o.get("name"), o.get("text"), o.len()) {
                        (Some(Value::String(n)), Some(Value::String(text)), 2) => {
                            (n.clone(), text.as_str())
                        }
                        _ => {
                            return Err(ApiError::bad_request(format!(
                                "`reforms[{i}]`: {{ \"name\", \"text\" }} of a reform file"
                            )));
                        }
                    },
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "`reforms[{i}]`: the text of a reform file"
                        )));
                    }
                };
                load_reform(&name, text).map_err(|e| ApiError::bad_request(e.to_string()))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(ApiError::bad_request(
                "`reforms`: a list of reform files' texts",
            ));
        }
    };
    let mut law = Law::new(&app.book, &reforms);
    if project {
        law = law.projecting();
    }
    let question = Body {
        bytes: &bytes,
        question: Value::Object(fields),
        refused: RefCell::new(None),
    };
    match ask::ask_by(&kind, &question, law) {
        Ok(answered) => Ok(Json(answered.json)),
        Err(AskError::Input(m)) => match question.refused.take() {
            Some(e) => Err(malformed(e)),
            None => Err(ApiError::bad_request(m)),
        },
        Err(AskError::Law(m)) => Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "law", m)),
    }
}
