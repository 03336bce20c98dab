//! The statements the list runs, recorded by running it on a connection that writes down each
//! statement it passes on; and those statements replayed without the app: the SQL floor.

use async_trait::async_trait;
use db::contacts::ListQuery;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, ExecResult, QueryResult, Statement,
};
use std::sync::Mutex;
use std::time::Instant;

struct Recording<'a> {
    db: &'a DatabaseConnection,
    statements: Mutex<Vec<Statement>>,
}

impl Recording<'_> {
    fn keep(&self, stmt: &Statement) {
        self.statements.lock().unwrap().push(stmt.clone());
    }
}

#[async_trait]
impl ConnectionTrait for Recording<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.keep(&stmt);
        self.db.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.db.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.keep(&stmt);
        self.db.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.keep(&stmt);
        self.db.query_all_raw(stmt).await
    }
}

/// The statements of one call of the list for `query`, and how many contacts match.
pub async fn statements(
    db: &DatabaseConnection,
    query: &ListQuery,
) -> Result<(Vec<Statement>, u64), String> {
    let recording = Recording {
        db,
        statements: Mutex::new(Vec::new()),
    };
    let page = db::contacts::list(&recording, query)
        .await
        .map_err(|e| e.to_string())?;
    Ok((recording.statements.into_inner().unwrap(), page.total))
}

/// The median time of running `statements` one after the other, fetching every row, over
/// `runs` runs (after one to warm the caches), in milliseconds.
pub async fn floor(
    db: &DatabaseConnection,
    statements: &[Statement],
    runs: usize,
) -> Result<f64, String> {
    let mut times = Vec::with_capacity(runs);
    for run in 0..=runs {
        let start = Instant::now();
        for stmt in statements {
            db.query_all_raw(stmt.clone())
                .await
                .map_err(|e| e.to_string())?;
        }
        if run > 0 {
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(crate::load::percentile(&mut times, 50.0))
}
