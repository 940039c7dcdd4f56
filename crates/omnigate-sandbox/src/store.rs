//! The SQLite file behind the sandbox: schema, and one writer thread with group commit.
//!
//! Every database job runs on a single thread that owns the connection. The thread takes all
//! jobs waiting in its queue, runs each inside its own savepoint of one transaction, commits once
//! (`synchronous=FULL`, so the commit is durable), and only then answers the callers. One fsync
//! covers a whole batch, which is what makes thousands of durable tokenizations per second
//! possible on two cores; and because jobs run one after another, two requests can never issue
//! the same token or lose each other's transactions. A second thread checkpoints the WAL into
//! the database file, so the writer only ever appends to the WAL.

use rusqlite::Connection;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;
use tokio::sync::oneshot;

/// Most jobs committed together.
const MAX_BATCH: usize = 512;
/// Least time between two checkpoints, so that they run on large runs of pages.
const CHECKPOINT_PAUSE: Duration = Duration::from_millis(200);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    entity_id TEXT NOT NULL,
    payment_type TEXT NOT NULL,
    referenced_id TEXT,
    amount_minor INTEGER,
    currency TEXT,
    brand TEXT,
    bin TEXT,
    last4 TEXT,
    masked_card TEXT,
    masked_token TEXT,
    card_hash BLOB,
    result_code TEXT NOT NULL,
    success INTEGER NOT NULL,
    si_source TEXT,
    si_mode TEXT,
    si_type TEXT,
    si_initial_id TEXT,
    merchant_transaction_id TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_by_entity ON transactions (entity_id, seq);
CREATE INDEX IF NOT EXISTS transactions_by_reference ON transactions (referenced_id);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash BLOB PRIMARY KEY,
    entity_id TEXT NOT NULL,
    tk_id TEXT NOT NULL,
    brand TEXT NOT NULL,
    bin TEXT NOT NULL,
    last4 TEXT NOT NULL,
    masked TEXT NOT NULL,
    card_hash BLOB NOT NULL,
    sealed BLOB NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
) WITHOUT ROWID;
";

/// A database failure; the text never contains card data (queries bind values as parameters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoreError(pub(crate) String);

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        Self(error.to_string())
    }
}

type Delivery = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> Delivery + Send>;

/// Handle to the writer thread; cheap to clone.
#[derive(Clone)]
pub(crate) struct Store {
    jobs: mpsc::Sender<Job>,
}

impl Store {
    /// Opens (or creates) the database, sets WAL and durable commits, creates the schema, and
    /// starts the writer thread.
    pub(crate) fn open(path: &Path) -> Result<Self, StoreError> {
        let connection = Connection::open(path)?;
        let mode: String = connection.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError(format!("journal mode {mode} instead of wal")));
        }
        // Checkpoints run on their own thread (below). The writer still checkpoints itself once
        // the WAL passes 4,000 pages (SQLite's default is 1,000): by then the other thread has
        // copied almost every page, and a checkpoint that completes lets the WAL start over, so
        // it stays bounded under sustained load.
        connection.execute_batch(
            "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=4000;",
        )?;
        connection.execute_batch(SCHEMA)?;
        let checkpoints = checkpointer(path)?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("sandbox-store".to_owned())
            .spawn(move || writer(&connection, &queue, &checkpoints))
            .map_err(|error| StoreError(format!("cannot start the store thread: {error}")))?;
        Ok(Self { jobs })
    }

    /// Runs `work` on the writer thread inside a savepoint; its writes are undone when it fails,
    /// and its answer arrives only after the batch it ran in is committed.
    pub(crate) async fn run<R, F>(&self, work: F) -> Result<R, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&Connection) -> Result<R, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |connection| {
            let outcome = in_savepoint(connection, work);
            Box::new(move |committed| {
                // The caller may have gone away (client disconnected); nothing to tell then.
                let _ = reply.send(committed.and(outcome));
            })
        });
        self.jobs.send(job).map_err(|_| StoreError("store thread stopped".to_owned()))?;
        answer.await.map_err(|_| StoreError("store thread stopped".to_owned()))?
    }
}

fn in_savepoint<R>(
    connection: &Connection,
    work: impl FnOnce(&Connection) -> Result<R, StoreError>,
) -> Result<R, StoreError> {
    // Cached statements: these run twice per job, and parsing them each time shows in profiles.
    connection.prepare_cached("SAVEPOINT job")?.execute([])?;
    let outcome = work(connection);
    if outcome.is_err() {
        connection.prepare_cached("ROLLBACK TO job")?.execute([])?;
    }
    connection.prepare_cached("RELEASE job")?.execute([])?;
    outcome
}

/// Starts the thread that copies committed WAL pages back into the database file, so that the
/// writer never does it inside a batch. It waits for a nudge from the writer, then runs a
/// passive checkpoint (it never blocks the writer); nudges that arrive meanwhile are merged.
/// Commits are durable in the WAL before any checkpoint, so a lagging checkpoint only lets the
/// WAL file grow for a while.
fn checkpointer(path: &Path) -> Result<mpsc::SyncSender<()>, StoreError> {
    let connection = Connection::open(path)?;
    connection.execute_batch("PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;")?;
    let (nudge, nudges) = mpsc::sync_channel::<()>(1);
    std::thread::Builder::new()
        .name("sandbox-checkpoint".to_owned())
        .spawn(move || {
            while nudges.recv().is_ok() {
                // A failed checkpoint is retried at the next nudge; the data is safe in the WAL.
                let _ = connection.execute_batch("PRAGMA wal_checkpoint(PASSIVE)");
                std::thread::sleep(CHECKPOINT_PAUSE);
            }
        })
        .map_err(|error| StoreError(format!("cannot start the checkpoint thread: {error}")))?;
    Ok(nudge)
}

fn writer(
    connection: &Connection,
    queue: &mpsc::Receiver<Job>,
    checkpoints: &mpsc::SyncSender<()>,
) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let begun = connection.execute_batch("BEGIN IMMEDIATE").map_err(StoreError::from);
        let deliveries: Vec<Delivery> = match &begun {
            Ok(()) => batch.into_iter().map(|job| job(connection)).collect(),
            Err(_) => Vec::new(),
        };
        let committed = begun.and_then(|()| commit(connection));
        for deliver in deliveries {
            deliver(committed.clone());
        }
        // Full means a checkpoint is already due; the nudge is not lost.
        let _ = checkpoints.try_send(());
    }
}

fn commit(connection: &Connection) -> Result<(), StoreError> {
    connection.execute_batch("COMMIT").map_err(|error| {
        // A failed COMMIT leaves the transaction open; roll it back so the next batch starts clean.
        let _ = connection.execute_batch("ROLLBACK");
        StoreError::from(error)
    })
}
