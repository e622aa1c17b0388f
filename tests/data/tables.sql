CREATE TABLE abbreviation (
	short VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	"full" VARCHAR NOT NULL, 
	expands_to JSON NOT NULL, 
	PRIMARY KEY (short)
)
CREATE TABLE address (
	id INTEGER NOT NULL, 
	text VARCHAR NOT NULL, 
	province VARCHAR, 
	city VARCHAR, 
	district VARCHAR, 
	subdistrict VARCHAR, 
	street VARCHAR, 
	PRIMARY KEY (id)
)
CREATE TABLE agency (
	id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	name_en VARCHAR NOT NULL, 
	level VARCHAR NOT NULL, 
	local_id VARCHAR, 
	PRIMARY KEY (id)
)
CREATE TABLE department (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	name_en VARCHAR, 
	PRIMARY KEY (id)
)
CREATE TABLE division (
	n INTEGER NOT NULL, 
	id VARCHAR NOT NULL, 
	label VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	name_en VARCHAR, 
	PRIMARY KEY (n), 
	UNIQUE (id), 
	UNIQUE (name)
)
CREATE TABLE duty (
	n INTEGER NOT NULL, 
	label VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	unassigned_reason VARCHAR, 
	PRIMARY KEY (n)
)
CREATE TABLE duty_evidence (
	duty_n INTEGER NOT NULL, 
	mandate_key INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (duty_n, mandate_key), 
	FOREIGN KEY(duty_n) REFERENCES duty (n), 
	FOREIGN KEY(mandate_key) REFERENCES mandate_item ("key")
)
CREATE TABLE heading (
	"key" VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	heading VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
)
CREATE TABLE honour (
	n INTEGER NOT NULL, 
	date VARCHAR NOT NULL, 
	recipient VARCHAR NOT NULL, 
	division_n INTEGER, 
	title VARCHAR NOT NULL, 
	awarded_by VARCHAR, 
	status VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	PRIMARY KEY (n), 
	FOREIGN KEY(division_n) REFERENCES division (n)
)
CREATE TABLE interpretation (
	id INTEGER NOT NULL, 
	authority VARCHAR NOT NULL, 
	amendment_reviewed_by VARCHAR NOT NULL, 
	amendment_approved_by VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	PRIMARY KEY (id)
)
CREATE INDEX ix_mandate_item_division_n ON mandate_item (division_n)
CREATE INDEX ix_other_name_division_n ON other_name (division_n)
CREATE TABLE leader (
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	posts JSON NOT NULL, 
	source VARCHAR NOT NULL, 
	as_of VARCHAR, 
	as_of_source VARCHAR, 
	PRIMARY KEY (position)
)
CREATE TABLE mandate_item (
	"key" INTEGER NOT NULL, 
	division_n INTEGER NOT NULL, 
	i INTEGER NOT NULL, 
	text VARCHAR NOT NULL, 
	PRIMARY KEY ("key"), 
	UNIQUE (division_n, i), 
	FOREIGN KEY(division_n) REFERENCES division (n)
)
CREATE TABLE other_name (
	name VARCHAR NOT NULL, 
	division_n INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	PRIMARY KEY (name), 
	FOREIGN KEY(division_n) REFERENCES division (n)
)
CREATE TABLE provision (
	position INTEGER NOT NULL, 
	section VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	PRIMARY KEY (position)
)
CREATE TABLE regulation (
	id INTEGER NOT NULL, 
	effective_date DATE, 
	source VARCHAR, 
	PRIMARY KEY (id)
)
CREATE TABLE repealed (
	id INTEGER NOT NULL, 
	title VARCHAR NOT NULL, 
	issued_date DATE NOT NULL, 
	issued_by JSON NOT NULL, 
	source VARCHAR NOT NULL, 
	PRIMARY KEY (id)
)
CREATE TABLE subject (
	term VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	en JSON NOT NULL, 
	duties JSON NOT NULL, 
	role VARCHAR NOT NULL, 
	agency_id VARCHAR, 
	PRIMARY KEY (term), 
	FOREIGN KEY(agency_id) REFERENCES agency (id)
)
CREATE TABLE subject_division (
	term VARCHAR NOT NULL, 
	division_n INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (term, division_n), 
	FOREIGN KEY(term) REFERENCES subject (term), 
	FOREIGN KEY(division_n) REFERENCES division (n)
)
CREATE TABLE subject_item (
	term VARCHAR NOT NULL, 
	mandate_key INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (term, mandate_key), 
	FOREIGN KEY(term) REFERENCES subject (term), 
	FOREIGN KEY(mandate_key) REFERENCES mandate_item ("key")
)
CREATE TABLE transformation (
	id INTEGER NOT NULL, 
	text VARCHAR NOT NULL, 
	PRIMARY KEY (id)
)
CREATE TABLE translation (
	"key" VARCHAR NOT NULL, 
	text_en VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
)
