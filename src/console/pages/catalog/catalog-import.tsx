import { parse } from 'csv-parse/browser/esm/sync';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import type { Catalog, Product, Vendor } from '../../api/types';
import { useText } from '../../i18n/use-text';

type Row = Record<string, string>;

const readRows = async (file: FormDataEntryValue | null): Promise<Row[]> => {
  if (!(file instanceof File) || file.size === 0) return [];
  return parse<Row>(await file.text(), { columns: true, skip_empty_lines: true, bom: true, trim: true });
};

const withoutEmpty = (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));

/** Loads vendors and products from CSV sheets (header row with the catalog's field names) into the draft; Save catalog sends it. */
export function CatalogImport({ onLoaded }: { onLoaded: (catalog: Catalog) => void }) {
  const { t } = useText();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const vendors = (await readRows(form.get('vendors'))).map((r) => withoutEmpty(r) as unknown as Vendor);
      const products = (await readRows(form.get('products'))).map((r) => {
        const row = withoutEmpty(r);
        return { ...row, ...(row.price === undefined ? {} : { price: Number(row.price) }) } as unknown as Product;
      });
      onLoaded({ vendors, products });
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-labelledby="catalog-import-title">
      <h2 id="catalog-import-title">{t('importCatalog')}</h2>
      <label>{t('vendorsCsv')}<input type="file" name="vendors" accept=".csv,text/csv" /></label>
      <label>{t('productsCsv')}<input type="file" name="products" accept=".csv,text/csv" /></label>
      <button type="submit">{t('import')}</button>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </form>
  );
}
