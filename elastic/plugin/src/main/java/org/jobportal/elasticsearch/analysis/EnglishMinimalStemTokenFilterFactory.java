package org.jobportal.elasticsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code jp_english_minimal_stem}: Lucene's {@link EnglishMinimalStemFilter}, plural stripping only
 * ("nurses" -> "nurse", "engineers" -> "engineer", "companies" -> "company"); the
 * {@code light_english}/{@code minimal_english} stemmer of analysis-common. Good for job titles,
 * where a full stemmer conflates too much ("engineering" -> "engin").
 */
@NamedComponent("jp_english_minimal_stem")
public class EnglishMinimalStemTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new EnglishMinimalStemFilter(tokenStream);
    }
}
