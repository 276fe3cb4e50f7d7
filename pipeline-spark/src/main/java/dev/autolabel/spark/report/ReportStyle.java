package dev.autolabel.spark.report;

/** The report's stylesheet, inlined into the page (no external resources). */
final class ReportStyle {

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f4f6f8}
            header{background:#1d2733;color:#fff;padding:16px 28px}header h1{margin:0;font-size:21px}
            header p{margin:4px 0 0;color:#c9d3dd;font-size:13px;overflow-wrap:anywhere}
            nav{padding:8px 28px;background:#fff;border-bottom:1px solid #dde3e9}
            nav a{margin-right:16px;color:#1f6fd1;text-decoration:none}
            main{padding:4px 28px 40px;max-width:1200px}
            section{background:#fff;border:1px solid #dde3e9;border-radius:6px;padding:12px 18px;margin:14px 0}
            h2{font-size:17px;margin:0 0 8px}h3{font-size:14px;margin:4px 0}
            .cards{display:flex;flex-wrap:wrap;gap:10px}
            .card{border:1px solid #dde3e9;border-radius:6px;padding:6px 14px;min-width:110px}
            .card b{display:block;font-size:19px}.card span{color:#5b6b7a;font-size:12px}
            table{border-collapse:collapse;font-size:13px;margin-top:6px}
            th,td{text-align:left;padding:3px 12px 3px 0;border-bottom:1px solid #eef1f4;vertical-align:top}
            .num{text-align:right}.muted{color:#5b6b7a;font-size:13px}.big{color:#d64545;font-weight:600}
            svg.chart{max-width:100%;height:auto;display:block}svg text{font:11px sans-serif;fill:#3b4856}
            svg .grid{stroke:#e3e8ee}svg .axis-title{font-size:12px}
            .legend span{display:inline-block;width:11px;height:11px;margin:0 4px 0 12px;vertical-align:-1px;border-radius:2px}
            .row{display:flex;flex-wrap:wrap;gap:16px}.row>div{flex:1 1 440px;min-width:0}
            .gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:12px;margin-bottom:10px}
            figure{margin:0;border:1px solid #dde3e9;border-radius:6px;padding:6px;background:#fafbfc}
            figure img{display:block;max-width:100%;height:auto;margin:0 auto}
            figcaption{font-size:12px;margin-top:4px;overflow-wrap:anywhere}figcaption ul{margin:2px 0;padding-left:16px}
            .uri{color:#5b6b7a;font-size:11px;overflow-wrap:anywhere}
            .missing{height:140px;display:flex;align-items:center;justify-content:center;text-align:center;
            background:#eef1f4;color:#5b6b7a;font-size:12px;padding:8px;overflow-wrap:anywhere}
            .dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:4px}
            """;

    private ReportStyle() {
    }
}
