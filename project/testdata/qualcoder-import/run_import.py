# Runs QualCoder's REFI-QDA project importer (refi.py, read unchanged from
# ../shared/qualcoder-refi) on a .qdpx, with Qt and the rest of QualCoder's
# GUI stubbed out, into an in-memory database of the tables refi.py writes,
# and prints as JSON what QualCoder stored. Used by
# TestQualCoderImportsTheExport.
#   python3 run_import.py PACKAGE_DIR FILE.qdpx
import builtins, json, os, sqlite3, sys, tempfile

builtins._ = lambda s: s
sys.path.insert(0, sys.argv[1])
from qualcoder.refi import RefiImport  # noqa: E402

work = tempfile.mkdtemp()
os.mkdir(os.path.join(work, "documents"))
conn = sqlite3.connect(":memory:")
conn.executescript("""
create table project (memo text); insert into project values ('');
create table code_cat (catid integer primary key, name text unique, memo text, owner text, date text, supercatid integer);
create table code_name (cid integer primary key, name text unique, memo text, owner text, date text, catid integer,
  color text, supercid integer);
create table source (id integer primary key, name text unique, fulltext text, mediapath text, memo text, owner text, date text);
create table code_text (ctid integer primary key, cid integer, fid integer, seltext text, pos0 integer, pos1 integer,
  owner text, date text, memo text, unique(cid, fid, pos0, pos1, owner));
create table annotation (anid integer primary key, fid integer, pos0 integer, pos1 integer, memo text, owner text, date text);
create table journal (jid integer primary key, name text unique, jentry text, owner text, date text);
create table attribute_type (name text primary key, date text, owner text, memo text, caseOrFile text, valuetype text);
create table attribute (attrid integer primary key, name text, attr_type text, value text, id integer, date text, owner text);
create table cases (caseid integer primary key, name text unique, memo text, owner text, date text);
create table case_text (id integer primary key, caseid integer, fid integer, pos0 integer, pos1 integer, owner text,
  date text, memo text);
""")


class App:
    settings = {"codername": "qualcoder", "directory": work, "ai_enable": "False"}
    project_path = work
    ai_models = None
    conn = conn

    def write_config_ini(self, *args):
        pass


log = []


class Log:
    def append(self, s):
        log.append(s)


# The constructor asks for the file in a dialog: set what it sets instead.
r = RefiImport.__new__(RefiImport)
r.app, r.parent_textedit, r.import_type, r.file_path = App(), Log(), "qdpx", os.path.abspath(sys.argv[2])
for k, v in dict(folder_name="", sources_name="/Sources", file_vars=[], annotations=[], links=[], tree=None, codes=[],
                 users=[], cases=[], sources=[], source_name_prefix=0, variables=[], xml=None, base_path="",
                 software_name="", xmlns_version="1.0", pd=None, pd_value=0).items():
    setattr(r, k, v)
r.import_project()
cur = conn.cursor()
out = {
    "log": log,
    "project_memo": cur.execute("select memo from project").fetchone()[0],
    "categories": [row[0] for row in cur.execute("select name from code_cat order by name")],
    "codes": cur.execute("select count(*) from code_name").fetchone()[0],
    "sources": {row[0]: {"memo": row[1], "owner": row[2]} for row in cur.execute("select name, memo, owner from source")},
    "codings": [{"source": row[0], "pos0": row[1], "pos1": row[2], "owner": row[3], "date": row[4], "memo": row[5]}
                for row in cur.execute("select s.name, c.pos0, c.pos1, c.owner, c.date, c.memo from code_text c "
                                       "join source s on s.id = c.fid order by s.name, c.pos0, c.owner")],
    "file_attributes": cur.execute("select count(*) from attribute where attr_type = 'file'").fetchone()[0],
}
print(json.dumps(out))
