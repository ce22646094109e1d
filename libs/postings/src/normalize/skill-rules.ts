/*
 * Curated rules for matching O*NET Technology Skills in job postings (normalize-skills.ts).
 * The O*NET examples are product names, and many products are named with ordinary words; these
 * lists were made by running the matcher over the sample postings in shared/data and reading
 * what it found. Keys of word sets are lower case.
 */

/** Example names that are noise in postings ("follow us on LinkedIn", "interviews over Zoom"). */
export const IGNORED_EXAMPLES: ReadonlySet<string> = new Set([
  'Facebook', 'LinkedIn', 'YouTube', 'Twitter', 'Instagram', 'Pinterest', 'TikTok', 'WhatsApp',
  'Google', 'FaceTime', 'Skype', 'Zoom', 'Careerbuilder.com', 'Salary.com', 'USPS.com', 'E-Verify',
  'Web browser software', 'Email software', 'Word processing software', 'Spreadsheet software',
  'Social media sites', 'Internet browser software', 'Compilers', 'Decompilers', 'Honeypot', 'Diameter',
]);

/** Vendor prefixes: "Microsoft Excel" is also written "Excel". */
export const VENDORS: ReadonlySet<string> = new Set([
  'Microsoft', 'Oracle', 'IBM', 'SAP', 'Google', 'Apple', 'Adobe', 'Autodesk', 'Amazon', 'Apache',
  'Atlassian', 'Intuit', 'The MathWorks', 'The Mathworks', 'Dassault Systemes', 'National Instruments',
  'ESRI', 'Cisco', 'Red Hat', 'Corel', 'Bentley', 'Siemens', 'Trimble', 'PTC', 'Avid', 'Teradata',
  'Qlik Tech', 'Thomson Reuters', 'Hewlett-Packard', 'HP', 'Symantec', 'Mozilla', 'Henry Schein',
  'Kronos', 'Epic', 'Cerner', 'Blackbaud', 'Citrix', 'VMware', 'Salesforce', 'Splunk', 'Elastic', 'Facebook', 'Meta', 'Twilio', 'Snowflake', 'Databricks',
]);

/** Vendors whose products are known by the product name alone ("Java", "MATLAB", "Jira"). */
export const STANDALONE_VENDORS: ReadonlySet<string> = new Set([
  'Apache', 'Atlassian', 'The MathWorks', 'The Mathworks', 'Oracle', 'Intuit', 'Dassault Systemes',
  'Autodesk', 'ESRI', 'Cisco', 'Mozilla', 'National Instruments', 'Bentley', 'Trimble', 'Henry Schein',
  'Qlik Tech', 'Thomson Reuters',
]);

/** Words that end a product name without naming it: "SAP software", "Splunk Enterprise", "Jenkins CI". */
export const TRAILING_GENERIC: ReadonlySet<string> = new Set([
  'software', 'systems', 'system', 'suite', 'tools', 'tool', 'platform', 'application', 'applications',
  'program', 'programs', 'framework', 'enterprise', 'ide', 'orm', 'ci', 'pro', 'server software',
]);

/** Display names where the O*NET wording is not what postings and users say. */
export const SKILL_DISPLAY: Readonly<Record<string, string>> = {
  'Microsoft Office software': 'Microsoft Office',
  'IBM SPSS Statistics': 'SPSS',
  'Amazon Web Services AWS software': 'AWS',
  'Google Angular': 'Angular',
  'Microsoft .NET Framework': '.NET',
  'Atlassian JIRA': 'Jira',
  'Eclipse IDE': 'Eclipse',
  'Jenkins CI': 'Jenkins',
  'Hibernate ORM': 'Hibernate',
  'Marketo Marketing Automation': 'Marketo',
  'Google Workspace software': 'Google Workspace',
  'Red Hat Enterprise Linux': 'Red Hat Enterprise Linux',
  'UNIX Shell': 'Unix shell',
  'IBM Terraform': 'Terraform',
  'Amazon Elastic Compute Cloud EC2': 'Amazon EC2',
  'Amazon Simple Storage Service S3': 'Amazon S3',
  'Microsoft Office Outlook': 'Microsoft Outlook',
};

/** Other ways postings write a skill; all match case-insensitively unless a single plain word. */
export const EXTRA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'Microsoft Office software': ['MS Office', 'Microsoft Office Suite', 'MS Office Suite', 'Office 365', 'Microsoft 365', 'O365'],
  'Microsoft Excel': ['Excel', 'MS-Excel'],
  'Microsoft PowerPoint': ['Powerpoint', 'Power Point'],
  'Microsoft SQL Server': ['MSSQL', 'MS SQL', 'SQL Server'],
  'Microsoft Power BI': ['PowerBI', 'Power BI'],
  'Microsoft Azure software': ['Azure', 'MS Azure'],
  'Microsoft .NET Framework': ['.NET', '.NET Core', 'dotnet', 'DotNet'],
  'Amazon Web Services AWS software': ['AWS', 'Amazon Web Services'],
  'Amazon Simple Storage Service S3': ['Amazon S3', 'AWS S3'],
  'Amazon Elastic Compute Cloud EC2': ['Amazon EC2', 'AWS EC2', 'EC2'],
  'Google Workspace software': ['G Suite', 'GSuite', 'Google Workspace', 'Google Apps'],
  'Google Angular': ['Angular', 'AngularJS', 'Angular.js'],
  'Google Cloud software': ['GCP', 'Google Cloud Platform', 'Google Cloud'],
  'IBM SPSS Statistics': ['SPSS'],
  'Marketo Marketing Automation': ['Marketo'],
  'JavaScript': ['Javascript', 'JS'],
  'Node.js': ['NodeJS', 'Node'],
  'React': ['React.js', 'ReactJS', 'React Native'],
  'Vue.js': ['Vue', 'VueJS'],
  'Go': ['Golang'],
  'Kubernetes': ['K8s'],
  'C#': ['C Sharp'],
  'Shell script': ['Shell scripting', 'Shell scripts'],
  'Apple macOS': ['Mac OS', 'MacOS', 'Mac OS X', 'OS X'],
  'Structured query language SQL': ['SQL'],
  'Transact-SQL': ['T-SQL', 'TSQL'],
  'Oracle PL/SQL': ['PLSQL', 'PL-SQL'],
  'Git': ['Git', 'GIT'],
  'Tableau': ['Tableau Desktop', 'Tableau Server'],
  'Snowflake': ['Snowflake'],
  'Databricks': ['Databricks'],
};

/** Single words that are products but mean something else far more often; never matched alone. */
export const NEVER_ALONE: ReadonlySet<string> = new Set([
  'word', 'access', 'project', 'office', 'outlook', 'teams', 'exchange', 'notes', 'publisher', 'dynamics',
  'edge', 'database', 'cloud', 'server', 'analytics', 'docs', 'sheets', 'slides', 'forms', 'sites',
  'drive', 'calendar', 'meet', 'chat', 'maps', 'search', 'ads', 'photos', 'paint', 'money', 'live',
  'stream', 'planner', 'bookings', 'flow', 'apps', 'store', 'pages', 'numbers', 'keynote', 'music',
  'messages', 'mail', 'contacts', 'reminders', 'health', 'illustrator', 'spring', 'pig', 'ant', 'dig',
  'route', 'square', 'blink', 'loom', 'seesaw', 'exact', 'quest', 'compass', 'box', 'basecamp',
  'statistics', 'workspace', 'bridge', 'premiere', 'animate', 'audition', 'prelude', 'portfolio',
  'stock', 'fonts', 'color', 'capture', 'scan', 'sign', 'connect', 'presenter', 'reader', 'director',
  'contribute', 'encore', 'story', 'muse', 'catalyst', 'fireworks', 'flash', 'dimension', 'aero', 'xd',
  'data', 'studio', 'visual', 'basic', 'concur', 'hana', 'hr', 'bi', 'ai', 'ml', 'it', 'pm', 'sales',
  'marketing', 'finance', 'service', 'commerce', 'experience', 'learning', 'insights', 'campaign',
  'target', 'journey', 'sense', 'view', 'works', 'sketch', 'pulse', 'vision', 'focus', 'impact', 'shift',
  'storm', 'beam', 'arrow', 'drill', 'ignite', 'atlas', 'pipeline', 'subversion',
]);

/** Short or common-word names that count only with another skill or a tech word nearby. */
export const NEEDS_CONTEXT: ReadonlySet<string> = new Set([
  'R', 'C', 'Go', 'Swift', 'Ruby', 'Julia', 'Chef', 'Puppet', 'Scheme', 'Shiny', 'Spark', 'Hive', 'Rust',
  'Flask', 'Express', 'Ember', 'Backbone', 'Kafka', 'Cassandra', 'Maven', 'Airflow', 'Tomcat', 'Groovy',
  'Jenkins', 'Travis', 'Slack', 'Asana', 'Prolog', 'Ada', 'Pascal', 'Forth', 'Haskell', 'Lua',
  'Selenium', 'React', 'Scala', 'Zeppelin', 'Windows',
]);

/** Words that are names here however they are capitalized ("python", "tableau", "sql"). */
export const SAFE_LOWERCASE: ReadonlySet<string> = new Set([
  'python', 'java', 'javascript', 'typescript', 'linux', 'unix', 'tableau', 'docker', 'kubernetes',
  'matlab', 'jira', 'github', 'gitlab', 'mysql', 'postgresql', 'mongodb', 'hadoop', 'tensorflow',
  'pytorch', 'sql', 'nosql', 'html', 'css', 'xml', 'json', 'php', 'ajax', 'jquery', 'scada', 'salesforce',
  'quickbooks', 'sharepoint', 'powerpoint', 'autocad', 'solidworks', 'photoshop', 'indesign',
  'spss', 'stata', 'minitab', 'arcgis', 'qgis', 'snowflake', 'databricks', 'elasticsearch', 'kibana',
  'terraform', 'ansible', 'pyspark', 'numpy', 'scikit-learn', 'keras', 'django', 'kotlin', 'golang',
  'k8s', 'aws', 'gcp', 'dynamodb', 'redshift', 'bigquery', 'powershell', 'vba', 'ssis', 'ssrs', 'git',
]);

/** Capitalized plain words that, written capitalized, are the product ("Excel", "Tableau", "Figma"). */
export const PLAIN_SKILL_WORDS: ReadonlySet<string> = new Set([
  'excel', 'python', 'tableau', 'linux', 'perl', 'bash', 'django', 'ubuntu', 'drupal', 'moodle', 'minitab',
  'nagios', 'redis', 'kotlin', 'gradle', 'bugzilla', 'joomla', 'keras', 'kubeflow', 'mlflow', 'blender',
  'inkscape', 'audacity', 'lucidchart', 'smartsheet', 'wrike', 'redmine', 'figma', 'canva', 'airtable',
  'evernote', 'dropbox', 'prezi', 'quicken', 'photoshop', 'revit', 'visio', 'acrobat', 'splunk', 'hadoop',
  'confluence', 'bitbucket', 'jira', 'salesforce', 'workday', 'marketo', 'hubspot', 'zendesk', 'netsuite',
  'looker', 'alteryx', 'informatica', 'talend', 'snowflake', 'databricks', 'terraform', 'ansible', 'vagrant',
  'heroku', 'firebase', 'angular', 'vue', 'wordpress', 'squarespace', 'shopify', 'magento', 'mailchimp',
  'hootsuite', 'qualtrics', 'stata', 'nvivo', 'sketchup', 'ansys', 'abaqus', 'comsol', 'labview',
  'simulink', 'maya', 'houdini', 'docker', 'kubernetes', 'elasticsearch', 'kibana', 'grafana',
  'prometheus', 'wireshark', 'metasploit', 'zabbix', 'dynatrace', 'postman', 'jupyter', 'scipy',
  'matplotlib', 'seaborn', 'plotly', 'oozie', 'sqoop', 'flume', 'solr', 'lucene', 'couchbase', 'weblogic',
  'websphere', 'azure', 'golang', 'jmeter', 'mockito', 'mercurial', 'perforce', 'saltstack', 'cerner',
  'allscripts', 'athenahealth', 'dentrix', 'kareo', 'xero', 'peachtree', 'yardi', 'appfolio', 'procore',
  'primavera', 'kronos', 'paychex', 'paycom', 'coupa', 'ariba', 'westlaw', 'pardot', 'eloqua', 'semrush',
  'lightroom', 'zeplin', 'axure', 'balsamiq', 'miro', 'camtasia', 'ubuntu', 'debian', 'centos', 'fedora',
  'solaris', 'hyperion', 'cognos', 'microstrategy', 'qlikview', 'spotfire', 'vertica', 'teradata',
  'greenplum', 'informix', 'sybase', 'netezza', 'mulesoft', 'tibco', 'boomi', 'jitterbit', 'servicenow',
  'remedy', 'sharepoint', 'powerpoint', 'matlab', 'fortran', 'cobol', 'verilog', 'vhdl', 'xcode',
  'eclipse', 'intellij', 'pycharm', 'anaconda', 'rstudio', 'sas', 'latex', 'arcgis', 'autocad', 'catia',
  'solidworks', 'inventor', 'microstation', 'bluebeam', 'navisworks', 'civil', 'unity', 'unreal',
]);

/** Abbreviations that are skills wherever they appear in capitals. */
export const ACRONYMS_OK: ReadonlySet<string> = new Set([
  'SQL', 'AWS', 'GCP', 'HTML', 'CSS', 'XML', 'JSON', 'AJAX', 'PHP', 'SAS', 'SAP', 'SPSS', 'UNIX', 'MATLAB',
  'VBA', 'ASP', 'SSIS', 'SSRS', 'SSAS', 'SVN', 'CAD', 'CAM', 'CADD', 'GIS', 'ERP', 'CRM', 'EHR', 'EMR',
  'HRIS', 'HRMS', 'LMS', 'SEO', 'UML', 'JDBC', 'ODBC', 'OLAP', 'ETL', 'SCADA', 'PLC', 'CNC', 'LIMS',
  'CMMS', 'MRP', 'RTOS', 'DHCP', 'VPN', 'SNMP', 'BGP', 'OSPF', 'EIGRP', 'MPLS', 'SMTP', 'LDAP', 'SAML',
  'COBOL', 'JCL', 'FORTRAN', 'ABAP', 'VHDL', 'AMPL', 'GAMS', 'QNX', 'AIX', 'IIS', 'MEDITECH', 'CATIA',
  'HVAC', 'LIDAR', 'FMEA', 'OCR',
]);

/** Capitalized abbreviations in O*NET names that are also words or common non-skill initialisms. */
export const ACRONYM_DENY: ReadonlySet<string> = new Set(
  (
    'ABC ACE ACES ACT ADAM AIM AIR AOL ARC ARES ARK ARTS ASAP ASSET AURA AXIS BASE BASIC BEACON BIND BIT ' +
    'BLAST BOB BOSS CALC CALL CALM CAP CAPE CART CASA CASE CAST CAT CATS CLAIMS CLASS CLEAR CMO COM COOP ' +
    'CORAL CPA CPR CPU CUBIC CURVES DOC DOM DVD EAGLE EASI EEG EEO EKG ELF EPA EPIC ERA ERIC EXPERT EXPO ' +
    'FACADE FAST FDA FEAR FEDS FEMA FIELDS FIRE FIRST FISH FIT FOLLOW FYI GLOBE GNOME GOLD GRAIL GRAPE ' +
    'GRASS HASH HEAT HEED HER HEX HINT HIPAA HOA HOTEL HUB ICE ICON ICU IDEA IDEAS IMPACT INDEX IRIS ISO ' +
    'ITEM JET LAB LAMP LAWS LEAD LISA LLC LOS MACRO MAGIC MAGMA MAKER MARS MASS MAX MAYA MEL MERLIN MIKE ' +
    'MIND MINT MIT MIX MOVER MRI NEO NET NIOSH NOAA NOW NSF OASIS OFFICE OMEGA ONE OPEN OPERA OPT OPUS ' +
    'PACER PACK PAR PASS PAST PAW PAWS PDF PEAR PEST PIE PLUS POD PRICE PRISM PRO RAPID RATS REACT REDUCE ' +
    'REVIEW ROOT ROSS SAFARI SAGE SAM SAND SCALE SCORE SEA SET SHE SHEAR SKILL SLAB SLAM SLIM SMART SMASH ' +
    'SONAR SOS SPICE STAR STARS STAT STEP STUDIO STUNT SURF SWIVEL SYSTEM TACTIC TANKS TAX TEAM THE THESIS ' +
    'THOMAS TOPS TOTAL TOTE TRACE TREAT TRILL TUBA TURBO ULTRA UPS URBAN USA USDA VIA VIP VISUAL WONDER ' +
    'WORLD WOW WRITER DNA RNA GUI API IBM MIS POS SAN DOS ETC BARS EMI PDA CFS ACA PMP'
  ).split(' '),
);

/** Words near "R", "C", "Go"... that show the text is about technology. */
export const CONTEXT_KEYWORDS: ReadonlySet<string> = new Set([
  'programming', 'program', 'language', 'languages', 'scripting', 'coding', 'code', 'statistical',
  'software', 'framework', 'frameworks', 'library', 'libraries', 'developer', 'developers', 'stack',
  'devops', 'backend', 'frontend', 'engineer', 'engineering', 'database', 'databases', 'tools',
]);
