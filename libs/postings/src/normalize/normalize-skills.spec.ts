import * as path from 'node:path';
import { createSkillMatcher, extractSkills, loadTechnologySkills, MAX_SKILLS, parseTechnologySkillsCsv, type SkillMatcher } from './normalize-skills';

const TECHNOLOGY_SKILLS_CSV = path.resolve(__dirname, '../../../../../shared/data/onet/technology_skills.csv');

let matcher: SkillMatcher;
beforeAll(async () => {
  matcher = await loadTechnologySkills(TECHNOLOGY_SKILLS_CSV);
});

describe('loadTechnologySkills (O*NET technology_skills.csv)', () => {
  it('builds one matcher per path and shares it', async () => {
    expect(await loadTechnologySkills(TECHNOLOGY_SKILLS_CSV)).toBe(matcher);
    expect(matcher.size).toBeGreaterThan(5000);
  });

  it('fails for a missing file, and a later call may try again', async () => {
    await expect(loadTechnologySkills('/nonexistent/technology_skills.csv')).rejects.toThrow(/ENOENT/);
    await expect(loadTechnologySkills('/nonexistent/technology_skills.csv')).rejects.toThrow(/ENOENT/);
  });
});

describe('SkillMatcher.match on real posting text', () => {
  it.each<[string, string[]]>([
    ['financial services industries is a plusExperience with SQL, Python, or R programming languages is preferred', ['SQL', 'Python', 'R']],
    ['Coding experience with languages like C, C++, Java', ['C', 'C++', 'Java']],
    ['Proficiency with Adobe, Outlook, and MS Office suite (at least intermediate skills with Excel).', ['Microsoft Office', 'Microsoft Excel']],
    [
      'Data Entry Filing Receptionist Duties Customer Service Microsoft Word Microsoft Excel Calls Phone Etiquette',
      ['Microsoft Word', 'Microsoft Excel'],
    ],
    [
      'Knowledge of Microsoft Office applications (Word, Excel, PowerPoint, Outlook) and Structured Query Language.',
      ['Microsoft Office', 'Microsoft Excel', 'Microsoft PowerPoint', 'SQL'],
    ],
    [
      'Experience with T-SQL (SQL Server) is a plus; .NET, ASP.NET, Node.js and C# a must.',
      ['Transact-SQL', 'Microsoft SQL Server', '.NET', 'Microsoft ASP.NET', 'Node.js', 'C#'],
    ],
    ['statistical programming languages and developing data models in Python/R/SQL.Proficient in Power BI', ['Python', 'R', 'SQL', 'Microsoft Power BI']],
    [
      'Hands-on with AWS (EC2, S3, Redshift), Apache Spark, Kafka and Airflow; Tableau or Looker; Jira and Confluence.',
      ['AWS', 'Amazon EC2', 'Amazon Redshift', 'Spark', 'Kafka', 'Airflow', 'Tableau', 'Jira', 'Confluence'],
    ],
    ['Solid understanding of container strategies such as Docker, Fargate, ECS, and ECR.', ['Docker', 'ECS']],
    ['python, sql, tableau and excel', ['Python', 'SQL', 'Tableau']],
    ['Experience with Ruby on Rails and PostgreSQL', ['Ruby on Rails', 'PostgreSQL']],
    ['Experience in A/B testing and design of experiments (DOE) with Python', ['DOE', 'Python']],
  ])('%p', (text, expected) => {
    expect(matcher.match(text)).toEqual(expected);
  });

  it('ignores ordinary words that are also product names', () => {
    const text =
      'C-level executives in our R&D team. Word of mouth. Access to benefits. You will excel in a fast-paced environment and go above ' +
      'and beyond. Salary DOE. REQUIRED SKILL SET AND LEVEL. Follow us on LinkedIn and Facebook. Interviews over Zoom. ' +
      'Spring is here; the Chef cooks at the Front Desk. Event Management and Risk Management. New Jersey office. Reports to the Director.';
    expect(matcher.match(text)).toEqual([]);
  });

  it('needs context for R, C and Go, and a capital for Excel', () => {
    expect(matcher.match('Vitamin C and plan R')).toEqual([]);
    expect(matcher.match('Experience with Go programming')).toEqual(['Go']);
    expect(matcher.match('Candidates who excel at Excel')).toEqual(['Microsoft Excel']);
  });

  it('caps the list and tolerates garbage', () => {
    const many = 'Python SQL Java Scala Tableau Excel PowerPoint Docker Kubernetes Hadoop Hive Kafka Airflow Jira Confluence Linux UNIX ' +
      'MATLAB SAS SPSS PHP HTML CSS JavaScript TypeScript React Angular MySQL PostgreSQL MongoDB Redis Elasticsearch Git GitHub ' +
      'Terraform Ansible Jenkins Salesforce QuickBooks AutoCAD Revit SolidWorks';
    expect(matcher.match(many)).toHaveLength(MAX_SKILLS);
    expect(matcher.match(many, 3)).toEqual(['Python', 'SQL', 'Java']);
    expect(matcher.match('')).toEqual([]);
    expect(matcher.match('x'.repeat(10_000))).toEqual([]);
    expect(matcher.match('<script>alert("Python")</script>')).toEqual(['Python']);
  });

  it('names a skill written on its own', () => {
    expect(matcher.canonical('MS Excel')).toBe('Microsoft Excel');
    expect(matcher.canonical('excel')).toBe('Microsoft Excel');
    expect(matcher.canonical('Amazon Web Services')).toBe('AWS');
    expect(matcher.canonical('Power BI')).toBe('Microsoft Power BI');
    expect(matcher.canonical('Information Technology')).toBeNull();
    expect(matcher.canonical('nan')).toBeNull();
  });
});

describe('createSkillMatcher', () => {
  it('builds from rows: acronyms, vendor-less names and the Hot Technology tie-break', () => {
    const rows = parseTechnologySkillsCsv(
      'O*NET-SOC Code,Title,Example,Commodity Code,Commodity Title,Hot Technology,In Demand\n' +
        '15-1252.00,Software Developers,Structured query language SQL,43232306,Data base user interface and query software,Y,N\n' +
        '15-1252.00,Software Developers,Atlassian JIRA,43232201,Content workflow software,Y,N\n' +
        '43-9021.00,Data Entry Keyers,Data entry software,43232306,Data base user interface and query software,N,N\n',
    );
    expect(rows).toEqual([
      { example: 'Structured query language SQL', hot: true, occurrences: 1 },
      { example: 'Atlassian JIRA', hot: true, occurrences: 1 },
      { example: 'Data entry software', hot: false, occurrences: 1 },
    ]);
    const m = createSkillMatcher(rows);
    expect(m.size).toBe(2);
    expect(m.match('Track work in JIRA; write SQL; know structured query language; do data entry software work')).toEqual(['Jira', 'SQL']);
  });
});

describe('extractSkills', () => {
  it('keeps the LinkedIn 2024 job_skills list as written and adds the technology skills of the text', () => {
    expect(
      extractSkills(
        {
          fieldSkills: ['Data Engineering, Machine Learning, Data Science, Python, Java, Bash, SQL, Git, Snowflake, Airflow, Kubernetes, Docker'],
          text: 'We use Python, Airflow and Tableau.',
        },
        matcher,
      ),
    ).toEqual(['Data Engineering', 'Machine Learning', 'Data Science', 'Python', 'Java', 'Bash', 'SQL', 'Git', 'Snowflake', 'Airflow', 'Kubernetes', 'Docker', 'Tableau']);
  });

  it('keeps LinkedIn 2023-24 skill names and does not repeat a listed skill under its canonical name', () => {
    expect(
      extractSkills({ fieldSkills: ['Excel', 'Information Technology', 'Sales'], text: 'Proficient in Microsoft Excel and Salesforce.' }, matcher),
    ).toEqual(['Excel', 'Information Technology', 'Sales', 'Salesforce']);
  });

  it('works without a matcher and drops garbage entries', () => {
    expect(extractSkills({ fieldSkills: [null, 'nan', 42, '', '  ', '\u2022 SQL.', 'sql', 'x'.repeat(200)], text: 'Python' })).toEqual(['SQL']);
    expect(extractSkills({})).toEqual([]);
  });

  it('stops at 40 skills', () => {
    const listed = Array.from({ length: 50 }, (_v, i) => `Skill ${i}`);
    expect(extractSkills({ fieldSkills: listed, text: 'Python' }, matcher)).toHaveLength(MAX_SKILLS);
  });
});
