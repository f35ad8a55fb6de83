// Uniqueness constraints of the graphrec graph model (see cypher/README.md).
// Applied at every start; IF NOT EXISTS makes a second application change nothing.
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE;
CREATE CONSTRAINT item_id IF NOT EXISTS FOR (i:Item) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT brand_name IF NOT EXISTS FOR (b:Brand) REQUIRE b.name IS UNIQUE;
CREATE CONSTRAINT category_name IF NOT EXISTS FOR (c:Category) REQUIRE c.name IS UNIQUE;
CREATE CONSTRAINT modality_name IF NOT EXISTS FOR (m:Modality) REQUIRE m.name IS UNIQUE;
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT propagation_run_id IF NOT EXISTS FOR (r:PropagationRun) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT job_lock_name IF NOT EXISTS FOR (l:JobLock) REQUIRE l.name IS UNIQUE;
CREATE CONSTRAINT published_version_name IF NOT EXISTS FOR (p:PublishedVersion) REQUIRE p.name IS UNIQUE;
CREATE CONSTRAINT propagation_run_version IF NOT EXISTS FOR (r:PropagationRun) REQUIRE r.version IS UNIQUE;
