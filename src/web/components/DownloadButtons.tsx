// A row of download buttons (a letter, data as xlsx or csv, an export): one download at a time,
// the running one says so on its button, a failure is shown under the row.
import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import { useMutation } from '../lib/useData.ts';
import { ErrorBox } from './Status.tsx';
// The row's layout (.fin-downloads) lives with the pages that first had download rows.
import '../finalisasi.css';

export interface DownloadItem {
  /** Unique in the row. */
  key: string;
  label: string;
  /** The main download of the row (a primary button); the others are secondary. */
  primary?: boolean;
  /** Fetches the file and hands it to the browser. */
  download: () => Promise<void>;
}

export function DownloadButtons({ items }: { items: readonly DownloadItem[] }) {
  const t = useT();
  const [running, setRunning] = useState<string | null>(null);
  const download = useMutation((item: DownloadItem) => item.download());
  return (
    <div className="fin-downloads">
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          className={item.primary ? 'btn btn-primary' : 'btn btn-secondary'}
          disabled={download.busy}
          onClick={() => {
            setRunning(item.key);
            void download.run(item);
          }}
        >
          {download.busy && running === item.key ? t('fin.downloading') : item.label}
        </button>
      ))}
      {download.error && <ErrorBox message={download.error} />}
    </div>
  );
}

/** A list page's export buttons (xlsx, csv): each downloads the whole list with the page's filters. */
export function ExportButtons({ download }: { download: (format: 'xlsx' | 'csv') => Promise<void> }) {
  const t = useT();
  return (
    <DownloadButtons
      items={(['xlsx', 'csv'] as const).map((format) => ({
        key: format,
        label: t(format === 'xlsx' ? 'list.export.xlsx' : 'list.export.csv'),
        download: () => download(format),
      }))}
    />
  );
}
